namespace NanoOmaDm.Emulator;

public enum UiAnswerKind
{
    Accept,
    Reject,
    Cancel,
    Timeout,
    Text,
    Choice,
}

/// <summary>One scripted answer to a UI alert, from --ui-answer: accept | reject | cancel | timeout | text:WORDS | choice:1,3.</summary>
public sealed class UiAnswer
{
    public const string Syntax = "accept|reject|cancel|timeout|text:WORDS|choice:N[,N...]";

    public UiAnswerKind Kind { get; private set; }

    /// <summary>For text:...</summary>
    public string Text { get; private set; }

    /// <summary>For choice:... (1-based).</summary>
    public int[] Choices { get; private set; }

    public static readonly UiAnswer Accept = new UiAnswer { Kind = UiAnswerKind.Accept };

    /// <summary>Parses one answer; null with <paramref name="error"/> set when it is not valid.</summary>
    public static UiAnswer Parse(string spec, out string error)
    {
        error = null;
        string s = (spec ?? string.Empty).Trim();
        switch (s.ToLowerInvariant())
        {
            case "accept": return new UiAnswer { Kind = UiAnswerKind.Accept };
            case "reject": return new UiAnswer { Kind = UiAnswerKind.Reject };
            case "cancel": return new UiAnswer { Kind = UiAnswerKind.Cancel };
            case "timeout": return new UiAnswer { Kind = UiAnswerKind.Timeout };
        }

        if (s.StartsWith("text:", StringComparison.OrdinalIgnoreCase))
        {
            // The text is taken as given after "text:" (leading/trailing spaces of the option value excepted).
            return new UiAnswer { Kind = UiAnswerKind.Text, Text = s.Substring(5) };
        }

        if (s.StartsWith("choice:", StringComparison.OrdinalIgnoreCase))
        {
            int[] choices = ParseIndices(s.Substring(7));
            if (choices == null || choices.Length == 0)
            {
                error = "'" + spec + "': choice: needs 1-based numbers separated by commas, e.g. choice:1,3";
                return null;
            }

            return new UiAnswer { Kind = UiAnswerKind.Choice, Choices = choices };
        }

        error = "'" + spec + "' is not a UI answer; use " + Syntax;
        return null;
    }

    /// <summary>"1,3", "1 3" or "1-3" (DM's DR separator for multiple choices) → {1, 3}; null if any part is not a positive number.</summary>
    public static int[] ParseIndices(string text)
    {
        if (text == null)
        {
            return null;
        }

        string[] parts = text.Split(new[] { ',', ' ', '-', ';' }, StringSplitOptions.RemoveEmptyEntries);
        var result = new List<int>();
        foreach (string part in parts)
        {
            int n;
            if (!int.TryParse(part, out n) || n < 1)
            {
                return null;
            }

            if (!result.Contains(n))
            {
                result.Add(n);
            }
        }

        return result.ToArray();
    }

    public override string ToString()
    {
        switch (Kind)
        {
            case UiAnswerKind.Text: return "text:" + Text;
            case UiAnswerKind.Choice: return "choice:" + string.Join(",", Choices);
            default: return Kind.ToString().ToLowerInvariant();
        }
    }
}
