using System.Text;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>Assembles WBXML by hand for the cases libwbxml never produces (string-table public ids, ENTITY,
    /// mixed runs, bad integers, ...). Token values are written out here from the WBXML and SyncML specifications,
    /// independently of the codec's tables.</summary>
    internal sealed class WbxmlBuilder
    {
        // SyncML code page 0, with the content bit (0x40)
        public const byte SyncML = 0x6D, SyncHdr = 0x6C, SyncBody = 0x6B, VerDTD = 0x71, VerProto = 0x72, SessionID = 0x65,
            MsgID = 0x5B, Target = 0x6E, Source = 0x67, LocURI = 0x57, Meta = 0x5A, Item = 0x54, Data = 0x4F, CmdID = 0x4B,
            Alert = 0x46, Replace = 0x60, Status = 0x69, Cred = 0x4E;
        /// <summary>Final without content.</summary>
        public const byte Final = 0x12;
        // MetInf code page 1, with the content bit
        public const byte Format = 0x47, Type = 0x53, MaxMsgSize = 0x4C;

        private readonly List<byte> bytes = new List<byte>();

        /// <summary>Version, numeric public id, charset, string table.</summary>
        public static WbxmlBuilder Document(byte version = 0x03, uint publicId = 0x1201, uint charset = 0x6A, byte[] table = null)
        {
            var b = new WbxmlBuilder();
            b.Byte(version).Int(publicId);
            if (publicId == 0)
            {
                b.Int(0);
            }
            b.Int(charset).Int((uint)(table?.Length ?? 0));
            if (table != null)
            {
                b.Raw(table);
            }
            return b;
        }

        /// <summary>A minimal valid SyncHdr (VerDTD, VerProto, SessionID, MsgID, Target, Source) after the root tag.</summary>
        public WbxmlBuilder Header()
        {
            return Tag(SyncML).Tag(SyncHdr).Leaf(VerDTD, "1.2").Leaf(VerProto, "DM/1.2").Leaf(SessionID, "1").Leaf(MsgID, "1")
                .Tag(Target).Leaf(LocURI, "IMEI:1").End().Tag(Source).Leaf(LocURI, "http://s").End().End();
        }

        public WbxmlBuilder Byte(byte b)
        {
            bytes.Add(b);
            return this;
        }

        public WbxmlBuilder Raw(params byte[] b)
        {
            bytes.AddRange(b);
            return this;
        }

        public WbxmlBuilder Tag(byte token)
        {
            return Byte(token);
        }

        public WbxmlBuilder End()
        {
            return Byte(0x01);
        }

        public WbxmlBuilder Switch(byte page)
        {
            return Byte(0x00).Byte(page);
        }

        public WbxmlBuilder Str(string s)
        {
            return Byte(0x03).Raw(Encoding.UTF8.GetBytes(s)).Byte(0x00);
        }

        public WbxmlBuilder StrT(uint offset)
        {
            return Byte(0x83).Int(offset);
        }

        public WbxmlBuilder Entity(uint c)
        {
            return Byte(0x02).Int(c);
        }

        public WbxmlBuilder Opaque(byte[] data)
        {
            return Byte(0xC3).Int((uint)data.Length).Raw(data);
        }

        public WbxmlBuilder Leaf(byte token, string value)
        {
            return Tag(token).Str(value).End();
        }

        /// <summary>mb_u_int32, minimal form.</summary>
        public WbxmlBuilder Int(uint value)
        {
            var groups = new List<byte> { (byte)(value & 0x7F) };
            while ((value >>= 7) != 0)
            {
                groups.Insert(0, (byte)(0x80 | (value & 0x7F)));
            }
            bytes.AddRange(groups);
            return this;
        }

        /// <summary>Closes SyncBody and SyncML after a body's commands.</summary>
        public byte[] Close()
        {
            return End().End().ToArray();
        }

        public byte[] ToArray()
        {
            return bytes.ToArray();
        }

        /// <summary>A string table of NUL-terminated UTF-8 strings; offsets[i] is where string i starts.</summary>
        public static byte[] Table(out int[] offsets, params string[] strings)
        {
            var table = new List<byte>();
            offsets = new int[strings.Length];
            for (int i = 0; i < strings.Length; i++)
            {
                offsets[i] = table.Count;
                table.AddRange(Encoding.UTF8.GetBytes(strings[i]));
                table.Add(0);
            }
            return table.ToArray();
        }
    }
}
