using System.Text;

namespace NanoOmaDm.Agent
{
    /// <summary>Lower-case hexadecimal text of bytes and back (PIN records, binary leaf values on screen, keys in
    /// configuration files).</summary>
    public static class HexText
    {
        private const string Digits = "0123456789abcdef";

        public static string Encode(byte[] bytes, int offset, int count)
        {
            StringBuilder text = new StringBuilder(count * 2);
            for (int i = offset; i < offset + count; i++)
            {
                text.Append(Digits[bytes[i] >> 4]);
                text.Append(Digits[bytes[i] & 0x0F]);
            }
            return text.ToString();
        }

        /// <summary>The bytes of an even-length hex string (either case), or null if it is not one.</summary>
        public static byte[] Decode(string text)
        {
            if (text == null || (text.Length & 1) != 0)
            {
                return null;
            }
            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = Digit(text[2 * i]);
                int low = Digit(text[2 * i + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }
                bytes[i] = (byte)((high << 4) | low);
            }
            return bytes;
        }

        /// <summary>The value of one hex digit (either case), or -1.</summary>
        public static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }
            return -1;
        }
    }
}
