#!/usr/bin/env python3
"""Writes Packages and Packages-be512: the BerkeleyDB hash database rpm before 4.16 kept its
headers in, made by BerkeleyDB itself (db5.3_load, Debian's db5.3-util) from the headers of
rpmdb.sqlite beside it (make-rpmdb.py): keys are header numbers (uint32, in the file's byte
order), values the header blobs. Packages is little-endian with 4096-byte pages, as rpm writes it
on x86; Packages-be512 big-endian with 512-byte pages, so that headers overflow onto chains of
pages. Both are read back by rpm itself (Debian's rpm, the bdb_ro backend) as a check:
  rpm --dbpath DIR --define '_db_backend bdb_ro' -qa
Run from this directory: python3 make-rpmdb-bdb.py (the tests read the files it writes)."""
import os, sqlite3, struct, subprocess, tempfile

rows = sqlite3.connect("rpmdb.sqlite").execute("SELECT hnum, blob FROM Packages ORDER BY hnum").fetchall()

def write(name, pagesize, lorder):
    fmt = "<I" if lorder == 1234 else ">I"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%d\nHEADER=END\n" % pagesize)
        for hnum, blob in rows:
            f.write(" " + struct.pack(fmt, hnum).hex() + "\n")
            f.write(" " + bytes(blob).hex() + "\n")
        f.write("DATA=END\n")
    if os.path.exists(name):
        os.remove(name)
    subprocess.run(["db5.3_load", "-c", "db_lorder=%d" % lorder, "-f", f.name, name], check=True)
    os.remove(f.name)

write("Packages", 4096, 1234)
write("Packages-be512", 512, 4321)
