namespace NanoOmaDm.Agent.Protocol
{
    /// <summary>The alert codes legal in DM 1.2.</summary>
    public static class AlertCode
    {
        public const int Display = 1100;
        public const int Confirm = 1101;
        public const int TextInput = 1102;
        public const int SingleChoice = 1103;
        public const int MultipleChoice = 1104;
        public const int ServerInitiated = 1200;
        public const int ClientInitiated = 1201;
        public const int NextMessage = 1222;
        public const int SessionAbort = 1223;
        public const int ClientEvent = 1224;
        public const int NoEndOfData = 1225;
        public const int Generic = 1226;

        public static bool IsUserInteraction(int code)
        {
            return code >= Display && code <= MultipleChoice;
        }
    }
}
