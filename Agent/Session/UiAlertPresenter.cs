using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Turns a server UI alert (1100-1104) into a Hal request and the user's answer into the alert's
    /// Status. Item 1 carries the URL-encoded parameters, item 2 the text, further items the choices.</summary>
    internal sealed class UiAlertPresenter
    {
        private readonly IUserInteraction _ui;

        public UiAlertPresenter(IUserInteraction ui)
        {
            _ui = ui;
        }

        /// <summary>Presents the alert; returns its Status. <paramref name="stopsPackage"/> is set when the answer
        /// (No, Cancel) means the rest of the package must not run.</summary>
        public Command Present(Command alert, string msgRef, int code, out bool stopsPackage)
        {
            stopsPackage = false;
            if (alert.Items.Count < 2)
            {
                return Replies.Status(alert, msgRef, StatusCode.IncompleteCommand);
            }

            UiRequest request = BuildRequest(alert, code);
            if (request.Kind == UiAlertKind.SingleChoice || request.Kind == UiAlertKind.MultipleChoice)
            {
                if (request.Choices.Length == 0)
                {
                    return Replies.Status(alert, msgRef, StatusCode.IncompleteCommand);
                }
            }

            UiResponse response = _ui == null ? new UiResponse(UiOutcome.NotSupported) : _ui.Present(request);
            if (response == null)
            {
                response = new UiResponse(UiOutcome.NotSupported);
            }

            if (response.Outcome == UiOutcome.TimedOut && request.DefaultResponse != null)
            {
                response = DefaultAnswer(request);
            }

            switch (response.Outcome)
            {
                case UiOutcome.Accepted:
                    return Accepted(alert, msgRef, request, response);
                case UiOutcome.Rejected:
                    stopsPackage = true;
                    return Replies.Status(alert, msgRef, request.Kind == UiAlertKind.Confirm ? StatusCode.NotModified : StatusCode.OperationCancelled);
                case UiOutcome.Cancelled:
                    stopsPackage = true;
                    return Replies.Status(alert, msgRef, StatusCode.OperationCancelled);
                case UiOutcome.TimedOut:
                    return Replies.Status(alert, msgRef, StatusCode.RequestTimeout);
                default:
                    return Replies.Status(alert, msgRef, StatusCode.OptionalFeatureNotSupported);
            }
        }

        private static Command Accepted(Command alert, string msgRef, UiRequest request, UiResponse response)
        {
            Command status = Replies.Status(alert, msgRef, StatusCode.Ok);
            if (request.Kind == UiAlertKind.TextInput)
            {
                AddDataItem(status, response.Text == null ? "" : response.Text);
            }
            else if (request.Kind == UiAlertKind.SingleChoice || request.Kind == UiAlertKind.MultipleChoice)
            {
                int[] selected = response.Selected == null ? new int[0] : response.Selected;
                int max = request.Kind == UiAlertKind.SingleChoice && selected.Length > 1 ? 1 : selected.Length;
                for (int i = 0; i < max; i++)
                {
                    if (selected[i] >= 1 && selected[i] <= request.Choices.Length)
                    {
                        AddDataItem(status, selected[i].ToString());
                    }
                }
            }

            return status;
        }

        private static void AddDataItem(Command status, string data)
        {
            Item item = new Item();
            item.Data = data;
            status.AddItem(item);
        }

        private static UiRequest BuildRequest(Command alert, int code)
        {
            UiRequest request = new UiRequest();
            request.Kind = (UiAlertKind)code;
            request.InputType = 'A';
            request.EchoType = 'T';
            ApplyParameters(request, ((Item)alert.Items[0]).Data);
            request.Text = ((Item)alert.Items[1]).Data;
            int choices = alert.Items.Count - 2;
            request.Choices = new string[choices];
            for (int i = 0; i < choices; i++)
            {
                string text = ((Item)alert.Items[i + 2]).Data;
                request.Choices[i] = text == null ? "" : text;
            }

            return request;
        }

        /// <summary>Parameters are "NAME=value" pairs joined by '&amp;', URL-encoded; unknown ones are skipped.</summary>
        private static void ApplyParameters(UiRequest request, string parameters)
        {
            if (parameters == null || parameters.Length == 0)
            {
                return;
            }

            string[] pairs = parameters.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                int eq = pairs[i].IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                string name = pairs[i].Substring(0, eq).Trim().ToUpper();
                string value = UrlDecoder.Decode(pairs[i].Substring(eq + 1));
                if (name == "MINDT")
                {
                    request.MinDisplaySeconds = Replies.ParseInt(value, 0);
                }
                else if (name == "MAXDT")
                {
                    request.MaxDisplaySeconds = Replies.ParseInt(value, 0);
                }
                else if (name == "DR")
                {
                    request.DefaultResponse = value;
                }
                else if (name == "MAXLEN")
                {
                    request.MaxLength = Replies.ParseInt(value, 0);
                }
                else if (name == "IT" && value.Length == 1)
                {
                    request.InputType = value[0];
                }
                else if (name == "ET" && value.Length == 1)
                {
                    request.EchoType = value[0];
                }
            }
        }

        /// <summary>MAXDT expired: answer with DR as if the user had chosen it.</summary>
        private static UiResponse DefaultAnswer(UiRequest request)
        {
            string dr = request.DefaultResponse;
            if (request.Kind == UiAlertKind.Confirm)
            {
                return new UiResponse(dr == "1" ? UiOutcome.Accepted : UiOutcome.Rejected);
            }

            UiResponse response = new UiResponse(UiOutcome.Accepted);
            if (request.Kind == UiAlertKind.TextInput)
            {
                response.Text = dr;
            }
            else if (request.Kind == UiAlertKind.SingleChoice || request.Kind == UiAlertKind.MultipleChoice)
            {
                response.Selected = ParseSelection(dr);
            }

            return response;
        }

        /// <summary>DR for choices: an index ("2"), a range ("2-3") or a list ("1-2,4").</summary>
        private static int[] ParseSelection(string dr)
        {
            System.Collections.ArrayList picked = new System.Collections.ArrayList();
            string[] parts = dr.Split(',');
            for (int i = 0; i < parts.Length; i++)
            {
                int dash = parts[i].IndexOf('-');
                int from = Replies.ParseInt(dash < 0 ? parts[i] : parts[i].Substring(0, dash), 0);
                int to = dash < 0 ? from : Replies.ParseInt(parts[i].Substring(dash + 1), 0);
                for (int k = from; k >= 1 && k <= to && picked.Count < 64; k++)
                {
                    picked.Add(k);
                }
            }

            int[] result = new int[picked.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (int)picked[i];
            }

            return result;
        }
    }
}
