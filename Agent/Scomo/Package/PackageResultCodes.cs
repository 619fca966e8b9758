namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>SCOMO result codes (OMA-TS-DM-SCOMO 1.0, §7) for package outcomes.</summary>
    public static class PackageResultCodes
    {
        public const int Successful = 1200;
        public const int InstallFailed = 1405;
        public const int InstallFailedOutOfMemory = 1406;
        public const int FailedPackageValidation = 1407;

        /// <summary>Everything wrong with the package itself (format, unknown key, signature, hashes) is 1407; a
        /// failing input stream is a generic install failure (1405); a failing output is taken as storage exhausted
        /// (1406), the usual cause on a device.</summary>
        public static int ToScomoResultCode(PackageResult result)
        {
            switch (result)
            {
                case PackageResult.Ok:
                    return Successful;
                case PackageResult.ReadFailed:
                    return InstallFailed;
                case PackageResult.WriteFailed:
                    return InstallFailedOutOfMemory;
                default:
                    return FailedPackageValidation;
            }
        }
    }
}
