using System.Text;
using NanoOmaDm.Agent.Tree;
using NanoOmaDm.Agent.Store;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>File names for delivery packages and component images. Node names and component ids may hold characters
    /// a FAT or littlefs name cannot: those become '_' and a CRC of the original keeps the names apart.</summary>
    public static class ScomoFiles
    {
        public static string Package(string deliveredName)
        {
            return "scomo-dp-" + Safe(deliveredName);
        }

        /// <summary>Prefix of every component image file (a restart sweeps the ones no Deployed entry names).</summary>
        public const string ComponentPrefix = "scomo-c-";

        /// <summary>Each version has a file of its own, so that an update never overwrites the image that runs.</summary>
        public static string Component(string componentId, string version)
        {
            return ComponentPrefix + Safe(componentId + "-" + version);
        }

        private static string Safe(string name)
        {
            StringBuilder safe = new StringBuilder(name.Length);
            bool changed = false;
            for (int i = 0; i < name.Length && i < 40; i++)
            {
                char c = name[i];
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                safe.Append(plain ? c : '_');
                changed |= !plain;
            }
            if (changed || name.Length > 40)
            {
                byte[] bytes = Utf8Text.Encode(name);
                safe.Append('-').Append(Crc32.Compute(bytes, 0, bytes.Length).ToString("x8"));
            }
            return safe.ToString();
        }
    }
}
