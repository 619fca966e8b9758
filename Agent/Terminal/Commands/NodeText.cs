using System.Text;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Terminal.Commands
{
    /// <summary>Node values as one screen line: secrets never, text with control characters masked, binary as hex,
    /// everything cut to a length a terminal line can show.</summary>
    internal static class NodeText
    {
        public const string Secret = "(secret)";
        private const int MaxTextChars = 200;
        private const int MaxHexBytes = 64;

        public static string Value(DmNode node)
        {
            if (node.IsSecret)
            {
                return Secret;
            }
            byte[] value = node.Value;
            int length = value == null ? 0 : value.Length;
            if (length == 0)
            {
                return "\"\"";
            }
            string text = node.Format == DmFormat.Bin ? null : Utf8Text.Decode(value);
            if (text == null)
            {
                int shown = length < MaxHexBytes ? length : MaxHexBytes;
                return "hex " + HexText.Encode(value, 0, shown) + (shown < length ? "... (" + length.ToString() + " bytes)" : string.Empty);
            }
            bool cut = text.Length > MaxTextChars;
            return Printable(cut ? text.Substring(0, MaxTextChars) : text) + (cut ? "... (" + length.ToString() + " bytes)" : string.Empty);
        }

        /// <summary>Child names of an interior node, blank-separated.</summary>
        public static string Children(DmNode node)
        {
            if (node.ChildCount == 0)
            {
                return "(no children)";
            }
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < node.ChildCount; i++)
            {
                if (i > 0)
                {
                    names.Append(' ');
                }
                names.Append(node.GetChild(i).Name);
                if (node.GetChild(i).IsInterior)
                {
                    names.Append('/');
                }
            }
            return names.ToString();
        }

        /// <summary>Control characters would move the cursor or end the line on the technician's terminal.</summary>
        private static string Printable(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] == (char)0x7F)
                {
                    char[] chars = text.ToCharArray();
                    for (int j = i; j < chars.Length; j++)
                    {
                        if (chars[j] < ' ' || chars[j] == (char)0x7F)
                        {
                            chars[j] = '.';
                        }
                    }
                    return new string(chars);
                }
            }
            return text;
        }
    }
}
