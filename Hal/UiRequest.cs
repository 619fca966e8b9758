namespace NanoOmaDm.Hal
{
    /// <summary>A UI alert as the server sent it, with its parameters already decoded.</summary>
    public sealed class UiRequest
    {
        public UiAlertKind Kind;
        public string Text;
        /// <summary>Choices for 1103/1104 in server order (the answer uses 1-based indices into this).</summary>
        public string[] Choices;
        /// <summary>MINDT in seconds, 0 when absent.</summary>
        public int MinDisplaySeconds;
        /// <summary>MAXDT in seconds, 0 when absent (wait as long as the device policy allows).</summary>
        public int MaxDisplaySeconds;
        /// <summary>DR: the default response as sent (0/1, text, index or range), null when absent.</summary>
        public string DefaultResponse;
        /// <summary>MAXLEN for text input, 0 when absent.</summary>
        public int MaxLength;
        /// <summary>IT: A, N, D, T, P or I (default A).</summary>
        public char InputType;
        /// <summary>ET: T (visible, default) or P (password).</summary>
        public char EchoType;
    }
}
