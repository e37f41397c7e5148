package dev.kubeward.netpol;

import java.util.List;

/**
 * A policy peer's ipBlock: {@code cidr} minus every {@code except} CIDR. Parsed eagerly so that a
 * malformed CIDR is reported at load time with its JSON path.
 */
public record IpBlock(String cidr, List<String> except, IpRange range, List<IpRange> exceptRanges) {

    public IpBlock {
        except = List.copyOf(except);
        exceptRanges = List.copyOf(exceptRanges);
    }

    public static IpBlock of(String cidr, List<String> except) {
        return new IpBlock(cidr, except, IpRange.parseCidr(cidr),
                except.stream().map(IpRange::parseCidr).toList());
    }

    /** Whether the whole of {@code atom} is inside this block (atoms never straddle a block boundary). */
    public boolean contains(IpRange atom) {
        if (!range.contains(atom)) {
            return false;
        }
        for (IpRange excluded : exceptRanges) {
            if (excluded.overlaps(atom)) {
                return false;
            }
        }
        return true;
    }

    /** 0.0.0.0/0 or ::/0: the block names the entire address family. */
    public boolean isWholeFamily() {
        return range.equals(range.family().everything());
    }
}
