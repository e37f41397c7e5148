#!/usr/bin/env python3
"""Writes rpmdb.sqlite: the SQLite rpm database of an AlmaLinux 9 image, as rpm 4.16+ lays it out
(table Packages(hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL), one rpm header blob
per row), small pages so that the table has interior pages and header blobs overflow pages.
Run from this directory: python3 make-rpmdb.py (the test reads the file it writes)."""
import os, sqlite3, struct

INT32, STRING, STRING_ARRAY = 4, 6, 8

def header(tags):
    """tags: list of (tag, type, value): rpm's header blob, without the lead (il, dl, index, data)."""
    index, data = b"", b""
    for tag, typ, value in sorted(tags):
        if typ == INT32:
            while len(data) % 4:
                data += b"\0"
            off = len(data)
            data += b"".join(struct.pack(">i", v) for v in value)
            count = len(value)
        elif typ == STRING:
            off = len(data)
            data += value.encode() + b"\0"
            count = 1
        else:
            off = len(data)
            data += b"".join(v.encode() + b"\0" for v in value)
            count = len(value)
        index += struct.pack(">iiii", tag, typ, off, count)
    return struct.pack(">ii", len(tags), len(data)) + index + data

def package(name, version, release, epoch, srpm, dirs, files):
    tags = [(1000, STRING, name), (1001, STRING, version), (1002, STRING, release), (1022, STRING, "x86_64")]
    if epoch is not None:
        tags.append((1003, INT32, [epoch]))
    if srpm:
        tags.append((1044, STRING, srpm))
    if files:
        tags.append((1118, STRING_ARRAY, dirs))
        tags.append((1117, STRING_ARRAY, [f for _, f in files]))
        tags.append((1116, INT32, [d for d, _ in files]))
    return header(tags)

if os.path.exists("rpmdb.sqlite"):
    os.remove("rpmdb.sqlite")
db = sqlite3.connect("rpmdb.sqlite")
db.execute("PRAGMA page_size = 1024")
db.execute("PRAGMA journal_mode = DELETE")
db.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
rows = [
    package("openssl-libs", "3.0.7", "18.el9", 1, "openssl-3.0.7-18.el9.src.rpm",
            ["/usr/lib64/", "/usr/share/licenses/openssl-libs/"],
            [(0, "libcrypto.so.3"), (0, "libssl.so.3"), (1, "LICENSE.txt")]),
    package("bash", "5.1.8", "6.el9", None, "bash-5.1.8-6.el9.src.rpm",
            ["/usr/bin/", "/usr/share/doc/bash/"], [(0, "bash")] + [(1, "doc-%03d.html" % i) for i in range(200)]),
    package("gpg-pubkey", "3abb34f8", "5ffd890e", None, None, [], []),
    package("python3-pip-wheel", "21.2.3", "7.el9", None, "python-pip-21.2.3-7.el9.src.rpm",
            ["/usr/lib/python3.9/site-packages/pip-21.2.3.dist-info/"], [(0, "METADATA")]),
]
rows += [package("filler-%02d" % i, "1.0", "1.el9", None, "filler-%02d-1.0-1.el9.src.rpm" % i, ["/opt/"], [(0, "f%02d" % i)])
         for i in range(60)]
for r in rows:
    db.execute("INSERT INTO Packages (blob) VALUES (?)", (r,))
db.commit()
db.execute("VACUUM")
db.close()
