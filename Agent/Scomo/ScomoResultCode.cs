namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>SCOMO result codes (OMA-TS-DM-SCOMO 1.0 §8.7), sent as &lt;ResultCode&gt; in the OperationComplete alert.</summary>
    public static class ScomoResultCode
    {
        public const int Successful = 1200;
        public const int ClientError = 1400;
        public const int UserCancelled = 1401;
        public const int DownloadFailed = 1402;
        public const int AlternateDownloadAuthenticationFailure = 1403;
        public const int DownloadFailedOutOfMemory = 1404;
        public const int InstallFailed = 1405;
        public const int InstallFailedOutOfMemory = 1406;
        public const int FailedPackageValidation = 1407;
        public const int RemoveFailed = 1408;
        public const int ActivateFailed = 1409;
        public const int DeactivateFailed = 1410;
        public const int NotImplemented = 1411;
        public const int UndefinedError = 1412;
        public const int UnsupportedEnvironment = 1413;
        public const int AlternateDownloadServerError = 1500;
        public const int AlternateDownloadServerUnavailable = 1501;

        public static bool IsSuccess(int code)
        {
            return code >= 1200 && code < 1300;
        }
    }
}
