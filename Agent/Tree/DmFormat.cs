namespace NanoOmaDm.Agent.Tree
{
    /// <summary>Node Format values (SyncML Meta Format) and the default leaf Type.</summary>
    public static class DmFormat
    {
        public const string Node = "node";
        public const string Chr = "chr";
        public const string Int = "int";
        public const string Bool = "bool";
        public const string Bin = "bin";
        public const string B64 = "b64";
        public const string Xml = "xml";
        public const string Null = "null";
        public const string Date = "date";
        public const string Time = "time";
        public const string Float = "float";

        public const string DefaultLeafType = "text/plain";

        /// <summary>The Format a leaf stores for a Meta Format: chr when absent; bin for b64, because values reach the
        /// tree already decoded and DM TND requires the property to read "bin" then. Null for an unknown format.</summary>
        public static string NormalizeLeaf(string format)
        {
            if (format == null || format.Length == 0)
            {
                return Chr;
            }
            if (format == B64)
            {
                return Bin;
            }
            if (format == Chr || format == Int || format == Bool || format == Bin || format == Xml || format == Null
                || format == Date || format == Time || format == Float)
            {
                return format;
            }
            return null;
        }
    }
}
