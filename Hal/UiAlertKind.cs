namespace NanoOmaDm.Hal
{
    /// <summary>The DM 1.2 user-interaction alerts; values are the alert codes.</summary>
    public enum UiAlertKind
    {
        Display = 1100,
        Confirm = 1101,
        TextInput = 1102,
        SingleChoice = 1103,
        MultipleChoice = 1104
    }
}
