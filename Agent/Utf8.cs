namespace NanoOmaDm.Agent
{
    /// <summary>UTF-8 sizes without encoding into a new array (nanoFramework's Encoding has no GetByteCount).</summary>
    public static class Utf8
    {
        public static int ByteCount(string text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    count += 4;
                    i++;
                }
                else
                {
                    count += 3;
                }
            }

            return count;
        }
    }
}
