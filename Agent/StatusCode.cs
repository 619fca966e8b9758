namespace NanoOmaDm.Agent
{
    /// <summary>SyncML DM 1.2 status codes the agent produces or interprets (RepPro 1.2 numbering).</summary>
    public static class StatusCode
    {
        public const int Ok = 200;
        public const int Accepted = 202;
        public const int AuthenticationAccepted = 212;
        public const int ChunkedItemAccepted = 213;
        public const int OperationCancelled = 214;
        public const int NotExecuted = 215;
        public const int AtomicRollbackOk = 216;
        public const int NotModified = 304;
        public const int BadRequest = 400;
        public const int InvalidCredentials = 401;
        public const int Forbidden = 403;
        public const int NotFound = 404;
        public const int CommandNotAllowed = 405;
        public const int OptionalFeatureNotSupported = 406;
        public const int MissingCredentials = 407;
        public const int RequestTimeout = 408;
        public const int Conflict = 409;
        public const int IncompleteCommand = 412;
        public const int RequestEntityTooLarge = 413;
        public const int UriTooLong = 414;
        public const int UnsupportedMediaTypeOrFormat = 415;
        public const int RequestedSizeTooBig = 416;
        public const int AlreadyExists = 418;
        public const int DeviceFull = 420;
        public const int SizeMismatch = 424;
        public const int PermissionDenied = 425;
        public const int CommandFailed = 500;
        public const int NotImplemented = 501;
        public const int AtomicFailed = 507;
        public const int DataStoreFailure = 510;
        public const int AtomicRollbackFailed = 516;
        public const int AtomicResponseTooLarge = 517;

        public static bool IsSuccess(int code)
        {
            return code >= 200 && code < 300;
        }
    }
}
