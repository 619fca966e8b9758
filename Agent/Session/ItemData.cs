using System;
using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Tree;

namespace NanoOmaDm.Agent.Session
{
    /// <summary>Converts between Item data as it travels in XML (text; b64 for binary) and tree values (bytes).</summary>
    internal static class ItemData
    {
        public const string FormatB64 = "b64";
        public const string FormatBin = "bin";
        public const string FormatChr = "chr";
        public const string FormatNode = "node";

        /// <summary>Meta Format of an item: the item's Meta wins over the command's; chr by default.</summary>
        public static string FormatOf(Command command, Item item)
        {
            if (item.Meta != null && item.Meta.Format != null)
            {
                return item.Meta.Format;
            }

            return command.Meta != null && command.Meta.Format != null ? command.Meta.Format : FormatChr;
        }

        public static string TypeOf(Command command, Item item)
        {
            if (item.Meta != null && item.Meta.Type != null)
            {
                return item.Meta.Type;
            }

            return command.Meta != null ? command.Meta.Type : null;
        }

        /// <summary>Decodes transported text into a value. Returns null (and status 400) when b64 is invalid.</summary>
        public static byte[] Decode(string data, string format, out int status)
        {
            status = StatusCode.Ok;
            if (data == null)
            {
                return null;
            }

            if (format == FormatB64)
            {
                try
                {
                    return Convert.FromBase64String(data);
                }
                catch (Exception)
                {
                    status = StatusCode.BadRequest;
                    return null;
                }
            }

            return Encoding.UTF8.GetBytes(data);
        }

        /// <summary>Binary travels as b64 over XML and is stored with Format bin.</summary>
        public static string StoredFormat(string transportFormat)
        {
            return transportFormat == FormatB64 ? FormatBin : transportFormat;
        }

        /// <summary>The Item that reports one tree value in Results.</summary>
        public static Item Encode(TreeItem value)
        {
            Item item = new Item();
            item.SourceUri = value.Uri;
            Meta meta = new Meta();
            string format = value.Format == null ? FormatChr : value.Format;
            if (format == FormatNode)
            {
                meta.Format = FormatNode;
                item.Data = value.Value == null ? null : Utf8(value.Value);
            }
            else if (format == FormatBin || format == FormatB64)
            {
                meta.Format = FormatB64;
                item.Data = value.Value == null ? "" : Convert.ToBase64String(value.Value);
            }
            else
            {
                meta.Format = format;
                item.Data = value.Value == null ? "" : Utf8(value.Value);
            }

            meta.Type = value.Type;
            item.Meta = meta;
            return item;
        }

        public static string Utf8(byte[] value)
        {
            return Encoding.UTF8.GetString(value, 0, value.Length);
        }
    }
}
