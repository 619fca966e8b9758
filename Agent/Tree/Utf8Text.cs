using System;
using System.Text;

namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Leaf values and property values as text. Any server can put arbitrary bytes into a leaf, and the
    /// nanoFramework decoder's behaviour on malformed UTF-8 is not specified, so decoding never lets an exception out.</summary>
    internal static class Utf8Text
    {
        private static readonly byte[] Empty = new byte[0];

        /// <summary>UTF-8 bytes of <paramref name="text"/>; null and "" give an empty array.</summary>
        public static byte[] Encode(string text)
        {
            return text == null || text.Length == 0 ? Empty : Encoding.UTF8.GetBytes(text);
        }

        /// <summary>The text of <paramref name="bytes"/> ("" for null), or null if they are not decodable.</summary>
        public static string Decode(byte[] bytes)
        {
            if (bytes == null || bytes.Length == 0)
            {
                return string.Empty;
            }
            try
            {
                return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
