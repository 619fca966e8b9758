namespace NanoOmaDm.Agent.Protocol.Wbxml
{
    /// <summary>Global tokens and header values of WBXML (WAP-192, versions 1.1 to 1.3) that the SyncML codec
    /// reads or writes. A tag token carries the element's code-page token in its low six bits; the LITERAL forms
    /// are Literal with the same flags. Extension tokens (EXT_I_n 0x40-0x42, EXT_T_n 0x80-0x82, EXT_n 0xC0-0xC2)
    /// are recognised by their low bits being below <see cref="FirstTag"/>.</summary>
    internal static class WbxmlToken
    {
        public const int SwitchPage = 0x00;
        public const int End = 0x01;
        public const int Entity = 0x02;
        public const int StrI = 0x03;
        public const int Literal = 0x04;
        public const int Pi = 0x43;
        public const int StrT = 0x83;
        public const int Opaque = 0xC3;

        /// <summary>Tag flag: the element has content and ends with <see cref="End"/>.</summary>
        public const int HasContent = 0x40;
        /// <summary>Tag flag: an attribute list follows the tag.</summary>
        public const int HasAttributes = 0x80;
        public const int TagMask = 0x3F;
        /// <summary>Tokens below this are global tokens in every code page.</summary>
        public const int FirstTag = 0x05;

        public const int Version11 = 0x01;
        public const int Version13 = 0x03;
        /// <summary>IANA MIBenum of UTF-8, the only charset accepted.</summary>
        public const int CharsetUtf8 = 0x6A;
    }
}
