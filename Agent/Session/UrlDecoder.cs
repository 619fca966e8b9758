using System.Text;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Decodes application/x-www-form-urlencoded text ('+' and %XX) as used by UI alert parameters.</summary>
    internal static class UrlDecoder
    {
        public static string Decode(string text)
        {
            if (text.IndexOf('%') < 0 && text.IndexOf('+') < 0)
            {
                return text;
            }

            // Decoding in UTF-8 byte space keeps any unencoded non-ASCII text intact: '%', '+' and hex digits are ASCII.
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            int n = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                int hi;
                int lo;
                if (b == '+')
                {
                    bytes[n++] = (byte)' ';
                }
                else if (b == '%' && i + 2 < bytes.Length && (hi = HexText.Digit((char)bytes[i + 1])) >= 0 && (lo = HexText.Digit((char)bytes[i + 2])) >= 0)
                {
                    bytes[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else
                {
                    bytes[n++] = b;
                }
            }

            return Encoding.UTF8.GetString(bytes, 0, n);
        }
    }
}
