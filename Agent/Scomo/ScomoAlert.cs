using System.Text;
using NanoOmaDm.Agent.Session;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The Generic Alert that reports an operation's outcome (SCOMO 1.0 §8.6): Source = the executed operation
    /// node, Target = the Delivered or Deployed entry it affected, Data = ResultCode and Identifier as XML, the Exec's
    /// Correlator echoed, Mark critical when it failed.</summary>
    public static class ScomoAlert
    {
        public const string OperationComplete = "urn:oma:at:scomo:1.0:OperationComplete";

        public static GenericAlert For(ScomoJob job)
        {
            GenericAlert alert = new GenericAlert();
            alert.ServerId = job.ServerId;
            alert.Correlator = job.Correlator;
            alert.SourceUri = job.OperationUri;
            alert.TargetUri = job.TargetUri;
            alert.Type = OperationComplete;
            alert.Format = "xml";
            alert.Mark = ScomoResultCode.IsSuccess(job.ResultCode) ? null : "critical";
            StringBuilder data = new StringBuilder("<ResultCode>");
            data.Append(job.ResultCode.ToString()).Append("</ResultCode><Identifier>");
            AppendEscaped(data, job.Identifier);
            data.Append("</Identifier>");
            alert.Data = data.ToString();
            return alert;
        }

        /// <summary>True when <paramref name="alerts"/> already holds the report of <paramref name="job"/> (a reboot
        /// between queueing it and closing the job must not report twice).</summary>
        public static bool IsAmong(ScomoJob job, GenericAlert[] alerts)
        {
            string source = job.OperationUri;
            for (int i = 0; i < alerts.Length; i++)
            {
                GenericAlert a = alerts[i];
                if (a.Type == OperationComplete && a.SourceUri == source && a.Correlator == job.Correlator
                    && a.ServerId == job.ServerId)
                {
                    return true;
                }
            }
            return false;
        }

        private static void AppendEscaped(StringBuilder data, string text)
        {
            for (int i = 0; text != null && i < text.Length; i++)
            {
                char c = text[i];
                if (c == '<')
                {
                    data.Append("&lt;");
                }
                else if (c == '>')
                {
                    data.Append("&gt;");
                }
                else if (c == '&')
                {
                    data.Append("&amp;");
                }
                else
                {
                    data.Append(c);
                }
            }
        }
    }
}
