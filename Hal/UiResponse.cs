namespace NanoOmaDm.Hal
{
    public sealed class UiResponse
    {
        public UiResponse(UiOutcome outcome)
        {
            Outcome = outcome;
        }

        public UiOutcome Outcome;
        /// <summary>Typed text for 1102.</summary>
        public string Text;
        /// <summary>1-based chosen indices for 1103 (one) and 1104 (any number).</summary>
        public int[] Selected;
    }
}
