package dev.pylocktrust.policy;

import dev.pylocktrust.python.DistributionFilename;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.SdistFilename;
import dev.pylocktrust.python.WheelFilename;

/** Whether two names denote the same distribution file. Pure. */
public final class FileNames {
    private FileNames() {}

    /**
     * Whether two filenames name the same distribution file: parsed and compared (wheels by name, version, build tag
     * and tag set; sdists by name, version and archive format), so a normalized spelling matches the index's.
     */
    public static boolean sameFile(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            DistributionFilename x = DistributionFilename.parse(a);
            DistributionFilename y = DistributionFilename.parse(b);
            if (x instanceof WheelFilename && y instanceof WheelFilename) {
                return x.sameDistribution(y);
            }
            return x instanceof SdistFilename s && y instanceof SdistFilename t && s.format() == t.format()
                    && x.sameDistribution(y);
        } catch (InvalidSpecException e) {
            return false;
        }
    }
}
