using System;
using System.Collections;
using System.Text;
using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>The signed description of a delivery package (see <see cref="PackageFormat"/> for the text form).</summary>
    public sealed class PackageManifest
    {
        private const int HasName = 1;
        private const int HasVersion = 2;
        private const int HasEnvironment = 4;
        private const int HasSize = 8;
        private const int HasSha256 = 16;
        private const int Complete = 31;

        public string PackageId;
        public string Version;
        public PackageComponent[] Components;

        /// <summary>Parses manifest text; returns null unless it is exactly a valid format 1 manifest: every line
        /// "key=value" ending in LF, values 1..<see cref="PackageFormat.MaxValueLength"/> bytes without control
        /// characters, package and version once before the components, each component complete with a unique id,
        /// 1..<see cref="PackageFormat.MaxComponents"/> components, no unknown keys.</summary>
        public static PackageManifest Parse(byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count <= 0 || offset > data.Length - count
                || count > PackageFormat.MaxManifestLength || data[offset + count - 1] != (byte)'\n')
            {
                return null;
            }
            try
            {
                return ParseLines(data, offset, offset + count);
            }
            catch (Exception)
            {
                // Invalid UTF-8 may throw inside the decoder on some platforms.
                return null;
            }
        }

        private static PackageManifest ParseLines(byte[] data, int position, int end)
        {
            PackageManifest manifest = new PackageManifest();
            ArrayList components = new ArrayList();
            PackageComponent current = null;
            int seen = 0;
            while (position < end)
            {
                int lineEnd = IndexOf(data, (byte)'\n', position, end);
                int equals = IndexOf(data, (byte)'=', position, lineEnd);
                int valueLength = lineEnd - equals - 1;
                if (equals <= position || valueLength < 1 || valueLength > PackageFormat.MaxValueLength
                    || HasControlCharacter(data, position, lineEnd))
                {
                    return null;
                }
                string key = Encoding.UTF8.GetString(data, position, equals - position);
                string value = Encoding.UTF8.GetString(data, equals + 1, valueLength);
                position = lineEnd + 1;

                if (key == PackageFormat.ComponentKey)
                {
                    if (manifest.PackageId == null || manifest.Version == null || (current != null && seen != Complete)
                        || components.Count == PackageFormat.MaxComponents || FindComponent(components, value))
                    {
                        return null;
                    }
                    current = new PackageComponent();
                    current.Id = value;
                    components.Add(current);
                    seen = 0;
                }
                else if (current == null)
                {
                    if (key == PackageFormat.PackageKey && manifest.PackageId == null)
                    {
                        manifest.PackageId = value;
                    }
                    else if (key == PackageFormat.VersionKey && manifest.Version == null)
                    {
                        manifest.Version = value;
                    }
                    else
                    {
                        return null;
                    }
                }
                else
                {
                    int field = ApplyComponentField(current, key, value);
                    if (field == 0 || (seen & field) != 0)
                    {
                        return null;
                    }
                    seen |= field;
                }
            }

            if (current == null || seen != Complete)
            {
                return null;
            }
            manifest.Components = new PackageComponent[components.Count];
            components.CopyTo(manifest.Components, 0);
            return manifest;
        }

        /// <summary>Stores one component line; returns its field bit, or 0 for an unknown key or a bad value.</summary>
        private static int ApplyComponentField(PackageComponent component, string key, string value)
        {
            if (key == PackageFormat.NameKey)
            {
                component.Name = value;
                return HasName;
            }
            if (key == PackageFormat.VersionKey)
            {
                component.Version = value;
                return HasVersion;
            }
            if (key == PackageFormat.EnvironmentKey)
            {
                component.Environment = value;
                return HasEnvironment;
            }
            if (key == PackageFormat.SizeKey)
            {
                component.Size = ParseSize(value);
                return component.Size < 0 ? 0 : HasSize;
            }
            if (key == PackageFormat.Sha256Key)
            {
                component.Sha256 = value.Length == 2 * Sha256.HashLength ? HexText.Decode(value) : null;
                return component.Sha256 == null ? 0 : HasSha256;
            }
            return 0;
        }

        /// <summary>Decimal digits only, at most <see cref="PackageFormat.MaxPayloadSize"/>; -1 otherwise.</summary>
        private static long ParseSize(string text)
        {
            if (text.Length > 10)
            {
                return -1;
            }
            long size = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return -1;
                }
                size = size * 10 + digit;
            }
            return size > PackageFormat.MaxPayloadSize ? -1 : size;
        }

        private static bool FindComponent(ArrayList components, string id)
        {
            for (int i = 0; i < components.Count; i++)
            {
                if (((PackageComponent)components[i]).Id == id)
                {
                    return true;
                }
            }
            return false;
        }

        private static int IndexOf(byte[] data, byte value, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (data[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }

        private static bool HasControlCharacter(byte[] data, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (data[i] < 0x20 || data[i] == 0x7f)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
