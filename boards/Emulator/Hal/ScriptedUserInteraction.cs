using NanoOmaDm.Hal;

namespace NanoOmaDm.Emulator.Hal;

/// <summary>Answers DM UI alerts (1100-1104). Every alert is printed so that whoever watches the emulator sees it. The
/// answer comes from the console when one is given (--ui-console) and otherwise from the scripted answers
/// (--ui-answer, used in order, the last one repeating; default accept).</summary>
public sealed class ScriptedUserInteraction : IUserInteraction
{
    private readonly UiAnswer[] _answers;
    private readonly ConsoleInput _console;
    private readonly Action<string> _print;
    private readonly CancellationToken _shutdown;
    private int _next;

    /// <param name="answers">Scripted answers; empty means accept everything.</param>
    /// <param name="console">Ask on the console, or null to answer from the script only.</param>
    /// <param name="print">Where alerts and answers are shown.</param>
    public ScriptedUserInteraction(IReadOnlyList<UiAnswer> answers, ConsoleInput console, Action<string> print, CancellationToken shutdown)
    {
        _answers = answers == null || answers.Count == 0 ? new[] { UiAnswer.Accept } : answers.ToArray();
        _console = console;
        _print = print ?? Console.WriteLine;
        _shutdown = shutdown;
    }

    public UiResponse Present(UiRequest request)
    {
        Show(request);
        UiResponse response = null;
        if (_console != null && !_console.IsClosed)
        {
            response = Ask(request);
        }

        if (response == null)
        {
            UiAnswer answer = NextAnswer();
            response = Answer(request, answer);
            _print("[UI] scripted answer (" + answer + "): " + Describe(response));
        }
        else
        {
            _print("[UI] answer: " + Describe(response));
        }

        return response;
    }

    private UiAnswer NextAnswer()
    {
        lock (_answers)
        {
            UiAnswer a = _answers[Math.Min(_next, _answers.Length - 1)];
            _next++;
            return a;
        }
    }

    private void Show(UiRequest r)
    {
        string head = "[UI] " + KindName(r.Kind) + " (" + (int)r.Kind + "): " + (r.Text ?? string.Empty);
        var details = new List<string>();
        if (r.MinDisplaySeconds > 0)
        {
            details.Add("MINDT=" + r.MinDisplaySeconds + "s");
        }

        if (r.MaxDisplaySeconds > 0)
        {
            details.Add("MAXDT=" + r.MaxDisplaySeconds + "s");
        }

        if (r.DefaultResponse != null)
        {
            details.Add("default=" + r.DefaultResponse);
        }

        if (r.Kind == UiAlertKind.TextInput)
        {
            if (r.MaxLength > 0)
            {
                details.Add("MAXLEN=" + r.MaxLength);
            }

            if (r.EchoType == 'P')
            {
                details.Add("password");
            }
        }

        _print(details.Count == 0 ? head : head + "  [" + string.Join(", ", details) + "]");
        if (r.Choices != null)
        {
            for (int i = 0; i < r.Choices.Length; i++)
            {
                _print("[UI]   " + (i + 1) + ". " + r.Choices[i]);
            }
        }
    }

    /// <summary>The scripted answer fitted to the alert's kind.</summary>
    public static UiResponse Answer(UiRequest r, UiAnswer a)
    {
        switch (a.Kind)
        {
            case UiAnswerKind.Timeout:
                return new UiResponse(UiOutcome.TimedOut);
            case UiAnswerKind.Cancel:
                return new UiResponse(UiOutcome.Cancelled);
            case UiAnswerKind.Reject:
                // "No" only exists for a confirmation; for any other alert the user dismisses it.
                return new UiResponse(r.Kind == UiAlertKind.Confirm ? UiOutcome.Rejected : UiOutcome.Cancelled);
        }

        switch (r.Kind)
        {
            case UiAlertKind.TextInput:
                return new UiResponse(UiOutcome.Accepted) { Text = FitText(r, a.Kind == UiAnswerKind.Text ? a.Text : r.DefaultResponse ?? string.Empty) };
            case UiAlertKind.SingleChoice:
            case UiAlertKind.MultipleChoice:
                int[] picked = a.Kind == UiAnswerKind.Choice ? a.Choices : UiAnswer.ParseIndices(r.DefaultResponse);
                return new UiResponse(UiOutcome.Accepted) { Selected = FitChoices(r, picked) };
            default:
                return new UiResponse(UiOutcome.Accepted);
        }
    }

    /// <summary>Asks on the console; null when the console ended before an answer.</summary>
    private UiResponse Ask(UiRequest r)
    {
        long deadline = r.MaxDisplaySeconds > 0 ? Environment.TickCount64 + r.MaxDisplaySeconds * 1000L : long.MaxValue;
        while (true)
        {
            _print("[UI] " + Prompt(r));
            int wait = deadline == long.MaxValue ? -1 : (int)Math.Max(0, deadline - Environment.TickCount64);
            bool timedOut;
            string line = _console.ReadAnswer(wait, _shutdown, out timedOut);
            if (timedOut)
            {
                return new UiResponse(UiOutcome.TimedOut);
            }

            if (line == null)
            {
                return _shutdown.IsCancellationRequested ? new UiResponse(UiOutcome.Cancelled) : null;
            }

            UiResponse response = Interpret(r, line);
            if (response != null)
            {
                return response;
            }

            _print("[UI] not understood: '" + line + "'");
        }
    }

    private static string Prompt(UiRequest r)
    {
        switch (r.Kind)
        {
            case UiAlertKind.Display: return "press Enter to dismiss (c = cancel)";
            case UiAlertKind.Confirm: return "confirm? y = yes, n = no, c = cancel" + DefaultHint(r);
            case UiAlertKind.TextInput: return "type the text and press Enter; !cancel cancels" + DefaultHint(r);
            case UiAlertKind.SingleChoice: return "choose one number (c = cancel)" + DefaultHint(r);
            default: return "choose numbers separated by commas (c = cancel)" + DefaultHint(r);
        }
    }

    private static string DefaultHint(UiRequest r)
    {
        return r.DefaultResponse == null ? string.Empty : "; Enter alone = " + r.DefaultResponse;
    }

    /// <summary>The console line as an answer, or null when it is not one (the user is asked again).</summary>
    private static UiResponse Interpret(UiRequest r, string line)
    {
        string t = line.Trim();
        if (r.Kind == UiAlertKind.TextInput)
        {
            if (t == "!cancel")
            {
                return new UiResponse(UiOutcome.Cancelled);
            }

            string text = line.Length == 0 && r.DefaultResponse != null ? r.DefaultResponse : line;
            return new UiResponse(UiOutcome.Accepted) { Text = FitText(r, text) };
        }

        if (t.Equals("c", StringComparison.OrdinalIgnoreCase) || t.Equals("cancel", StringComparison.OrdinalIgnoreCase))
        {
            return new UiResponse(UiOutcome.Cancelled);
        }

        if (t.Length == 0 && r.Kind != UiAlertKind.Display)
        {
            if (r.DefaultResponse == null)
            {
                return null;
            }

            t = r.DefaultResponse.Trim();
        }

        switch (r.Kind)
        {
            case UiAlertKind.Display:
                return new UiResponse(UiOutcome.Accepted);
            case UiAlertKind.Confirm:
                string yn = t.ToLowerInvariant();
                if (yn == "y" || yn == "yes" || yn == "1")
                {
                    return new UiResponse(UiOutcome.Accepted);
                }

                if (yn == "n" || yn == "no" || yn == "0")
                {
                    return new UiResponse(UiOutcome.Rejected);
                }

                return null;
            default:
                int[] picked = UiAnswer.ParseIndices(t);
                int count = r.Choices == null ? 0 : r.Choices.Length;
                if (picked == null || picked.Length == 0 || picked.Any(i => count > 0 && i > count)
                    || (r.Kind == UiAlertKind.SingleChoice && picked.Length != 1))
                {
                    return null;
                }

                return new UiResponse(UiOutcome.Accepted) { Selected = picked };
        }
    }

    private static string FitText(UiRequest r, string text)
    {
        text = text ?? string.Empty;
        return r.MaxLength > 0 && text.Length > r.MaxLength ? text.Substring(0, r.MaxLength) : text;
    }

    /// <summary>Keeps the indices that exist; a single choice keeps one; nothing valid → the first choice.</summary>
    private static int[] FitChoices(UiRequest r, int[] picked)
    {
        int count = r.Choices == null ? 0 : r.Choices.Length;
        int[] valid = (picked ?? Array.Empty<int>()).Where(i => i >= 1 && (count == 0 || i <= count)).ToArray();
        if (valid.Length == 0)
        {
            valid = new[] { 1 };
        }

        return r.Kind == UiAlertKind.SingleChoice ? new[] { valid[0] } : valid;
    }

    private static string KindName(UiAlertKind kind)
    {
        switch (kind)
        {
            case UiAlertKind.Display: return "Display";
            case UiAlertKind.Confirm: return "Confirm";
            case UiAlertKind.TextInput: return "Text input";
            case UiAlertKind.SingleChoice: return "Single choice";
            case UiAlertKind.MultipleChoice: return "Multiple choice";
            default: return kind.ToString();
        }
    }

    private static string Describe(UiResponse r)
    {
        string s = r.Outcome.ToString().ToLowerInvariant();
        if (r.Text != null)
        {
            s += " text='" + r.Text + "'";
        }

        if (r.Selected != null)
        {
            s += " choice=" + string.Join(",", r.Selected);
        }

        return s;
    }
}
