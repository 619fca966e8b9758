namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>SCOMO result codes (OMA-TS-DM-SCOMO 1.0, §7) for package outcomes.</summary>
    public static class PackageResultCodes
    {
        /// <summary>Everything wrong with the package itself (format, unknown key, signature, hashes) is 1407; a
        /// failing input stream is a generic install failure (1405); a failing output is taken as storage exhausted
        /// (1406), the usual cause on a device.</summary>
        public static int ToScomoResultCode(PackageResult result)
        {
            switch (result)
            {
                case PackageResult.Ok:
                    return ScomoResultCode.Successful;
                case PackageResult.ReadFailed:
                    return ScomoResultCode.InstallFailed;
                case PackageResult.WriteFailed:
                    return ScomoResultCode.InstallFailedOutOfMemory;
                default:
                    return ScomoResultCode.FailedPackageValidation;
            }
        }
    }
}
