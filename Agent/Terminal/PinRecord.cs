using System;
using System.Text;
using NanoOmaDm.Agent.Security;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Agent.Terminal
{
    /// <summary>The console PIN as the tree keeps it: <c>sha256:&lt;salt hex&gt;:&lt;hash hex&gt;</c> with a random 16-byte
    /// salt and hash = SHA-256(salt || UTF-8(PIN)). A server provisions a PIN by replacing the leaf with such a record
    /// (computed on its side), never with the PIN itself. A short PIN falls to an offline search of its hash; that is
    /// acceptable because the leaf is secret (no server or console ever reads it back) and guessing on the device is
    /// throttled by the lockout.</summary>
    public static class PinRecord
    {
        public const string Scheme = "sha256";
        public const int SaltLength = 16;
        public const int MinPinLength = 4;
        public const int MaxPinLength = 16;

        /// <summary>4 to 16 printable ASCII characters without blanks (typeable on any terminal, one word on a line).</summary>
        public static bool IsAcceptablePin(string pin)
        {
            if (pin == null || pin.Length < MinPinLength || pin.Length > MaxPinLength)
            {
                return false;
            }
            for (int i = 0; i < pin.Length; i++)
            {
                if (pin[i] <= ' ' || pin[i] > '~')
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A record for <paramref name="pin"/> with a fresh salt; null if the PIN is not acceptable.</summary>
        public static string Create(string pin, IRandomSource random)
        {
            byte[] salt = new byte[SaltLength];
            random.NextBytes(salt);
            return Create(pin, salt);
        }

        public static string Create(string pin, byte[] salt)
        {
            if (!IsAcceptablePin(pin) || salt == null || salt.Length == 0)
            {
                return null;
            }
            return Scheme + ":" + HexText.Encode(salt, 0, salt.Length) + ":" + HexText.Encode(Digest(salt, pin), 0, Sha256.HashLength);
        }

        /// <summary>True if <paramref name="record"/> is a well-formed record.</summary>
        public static bool IsValid(string record)
        {
            byte[] salt;
            byte[] hash;
            return Split(record, out salt, out hash);
        }

        /// <summary>True if <paramref name="pin"/> is the PIN of <paramref name="record"/>; false for a malformed record.
        /// The comparison takes the same time wherever the hashes differ.</summary>
        public static bool Matches(string record, string pin)
        {
            byte[] salt;
            byte[] hash;
            if (pin == null || !Split(record, out salt, out hash))
            {
                return false;
            }
            return ConstantTime.AreEqual(Digest(salt, pin), hash);
        }

        private static byte[] Digest(byte[] salt, string pin)
        {
            byte[] pinBytes = Encoding.UTF8.GetBytes(pin);
            byte[] input = new byte[salt.Length + pinBytes.Length];
            Array.Copy(salt, 0, input, 0, salt.Length);
            Array.Copy(pinBytes, 0, input, salt.Length, pinBytes.Length);
            return Sha256.Hash(input, 0, input.Length);
        }

        private static bool Split(string record, out byte[] salt, out byte[] hash)
        {
            salt = null;
            hash = null;
            if (record == null)
            {
                return false;
            }
            string[] parts = record.Trim().Split(':');
            if (parts.Length != 3 || parts[0] != Scheme)
            {
                return false;
            }
            salt = HexText.Decode(parts[1]);
            hash = HexText.Decode(parts[2]);
            return salt != null && salt.Length > 0 && hash != null && hash.Length == Sha256.HashLength;
        }
    }
}
