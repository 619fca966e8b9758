namespace NanoOmaDm.Hal
{
    public enum UiOutcome
    {
        /// <summary>Shown / confirmed ("yes") / text entered / choice made.</summary>
        Accepted = 0,
        /// <summary>Confirmation answered "no".</summary>
        Rejected = 1,
        /// <summary>The user cancelled.</summary>
        Cancelled = 2,
        /// <summary>No answer within MAXDT.</summary>
        TimedOut = 3,
        /// <summary>The device cannot present this alert (no display, no input).</summary>
        NotSupported = 4
    }
}
