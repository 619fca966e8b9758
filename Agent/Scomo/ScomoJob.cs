using System;
using System.Text;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>One accepted operation, kept as a store record from the moment its Exec is answered 202 until its
    /// outcome is in the alert queue, so that a reboot resumes it and reports it exactly once.</summary>
    public sealed class ScomoJob
    {
        /// <summary>Record key prefix; the key is this plus <see cref="Sequence"/>.</summary>
        public const string KeyPrefix = "scomo/job/";

        public int Sequence;
        public ScomoOperation Operation;
        /// <summary>The entry's node name (&lt;x&gt; under the operation's collection).</summary>
        public string Entry;
        public string ServerId;
        public string Correlator;
        /// <summary>Set once the outcome is known: the job then only still has to be reported.</summary>
        public int ResultCode;
        public string TargetUri;
        public string Identifier;

        public string Key
        {
            get { return KeyPrefix + Sequence.ToString(); }
        }

        public bool IsFinished
        {
            get { return ResultCode != 0; }
        }

        /// <summary>URI of the executed operation node (the alert's Source).</summary>
        public string OperationUri
        {
            get { return ScomoTree.Operation(ScomoOperations.CollectionOf(Operation), Entry, ScomoOperations.NameOf(Operation)); }
        }

        public byte[] ToBytes()
        {
            StringBuilder text = new StringBuilder();
            Append(text, "seq", Sequence.ToString());
            Append(text, "op", ((int)Operation).ToString());
            Append(text, "entry", Entry);
            Append(text, "server", ServerId);
            Append(text, "correlator", Correlator);
            Append(text, "result", ResultCode.ToString());
            Append(text, "target", TargetUri);
            Append(text, "id", Identifier);
            return Utf8Text.Encode(text.ToString());
        }

        /// <summary>Null when the record is not a job (corrupt or from another version).</summary>
        public static ScomoJob FromBytes(byte[] record)
        {
            string text = record == null ? null : Utf8Text.Decode(record);
            if (text == null)
            {
                return null;
            }
            ScomoJob job = new ScomoJob();
            string[] lines = text.Split('\n');
            try
            {
                for (int i = 0; i < lines.Length; i++)
                {
                    int eq = lines[i].IndexOf('=');
                    if (eq > 0)
                    {
                        job.Set(lines[i].Substring(0, eq), Unescape(lines[i].Substring(eq + 1)));
                    }
                }
            }
            catch (Exception)
            {
                return null;
            }
            return job.Operation == ScomoOperation.None || job.Entry == null ? null : job;
        }

        private void Set(string key, string value)
        {
            if (key == "seq") Sequence = int.Parse(value);
            else if (key == "op") Operation = (ScomoOperation)int.Parse(value);
            else if (key == "entry") Entry = value;
            else if (key == "server") ServerId = value;
            else if (key == "correlator") Correlator = value;
            else if (key == "result") ResultCode = int.Parse(value);
            else if (key == "target") TargetUri = value;
            else if (key == "id") Identifier = value;
        }

        private static void Append(StringBuilder text, string key, string value)
        {
            if (value == null)
            {
                return;
            }
            text.Append(key).Append('=');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\')
                {
                    text.Append("\\\\");
                }
                else if (c == '\n')
                {
                    text.Append("\\n");
                }
                else
                {
                    text.Append(c);
                }
            }
            text.Append('\n');
        }

        private static string Unescape(string value)
        {
            if (value.IndexOf('\\') < 0)
            {
                return value;
            }
            StringBuilder text = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\\' && i + 1 < value.Length)
                {
                    i++;
                    text.Append(value[i] == 'n' ? '\n' : value[i]);
                }
                else
                {
                    text.Append(c);
                }
            }
            return text.ToString();
        }
    }
}
