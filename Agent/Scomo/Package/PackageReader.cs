using System;
using System.Collections;
using System.IO;
using System.Text;
using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Scomo
{
    /// <summary>Reads and authenticates a delivery package from a stream in one forward pass:
    /// <see cref="ReadManifest"/> (signature checked before the manifest is parsed), then <see cref="ReadPayload"/>
    /// once per component in manifest order, then <see cref="ReadEnd"/>. Memory: one chunk buffer and the manifest
    /// (at most <see cref="PackageFormat.MaxManifestLength"/> bytes), whatever the payload sizes. A payload is
    /// written to its output before its hash can be checked: on any result but Ok the caller discards that output.</summary>
    public sealed class PackageReader
    {
        private const int MinimumBufferSize = 64;

        private readonly Hashtable _trustedKeys;
        private readonly byte[] _buffer;
        private readonly byte[] _signature = new byte[PackageFormat.SignatureLength];
        private readonly byte[] _digest = new byte[Sha256.HashLength];
        private readonly Ed25519Verifier _verifier = new Ed25519Verifier();
        private readonly Sha256 _sha = new Sha256();
        private int _nextComponent = -1;
        private PackageManifest _manifest;
        private string _keyId;

        /// <param name="trustedKeys">Key id (string) to Ed25519 public key (byte[32]).</param>
        /// <param name="bufferSize">Chunk size for payloads (at least 64 bytes).</param>
        public PackageReader(Hashtable trustedKeys, int bufferSize)
        {
            if (trustedKeys == null)
            {
                throw new ArgumentNullException("trustedKeys");
            }
            _trustedKeys = trustedKeys;
            _buffer = new byte[bufferSize < MinimumBufferSize ? MinimumBufferSize : bufferSize];
        }

        /// <summary>The verified manifest after <see cref="ReadManifest"/> returned Ok, null before.</summary>
        public PackageManifest Manifest
        {
            get { return _manifest; }
        }

        /// <summary>Id of the key that signed the package, once the header has been read.</summary>
        public string KeyId
        {
            get { return _keyId; }
        }

        /// <summary>Reads the header and the manifest and verifies the signature with the trusted key named in the
        /// header; only then is the manifest parsed.</summary>
        public PackageResult ReadManifest(Stream input)
        {
            _manifest = null;
            _keyId = null;
            _nextComponent = -1;
            try
            {
                byte[] buffer = _buffer;
                if (!ReadExactly(input, buffer, 0, 6))
                {
                    return PackageResult.Truncated;
                }
                if (!PackageFormat.IsMagic(buffer, 0))
                {
                    return PackageResult.BadMagic;
                }
                if (buffer[4] != PackageFormat.FormatVersion)
                {
                    return PackageResult.UnsupportedFormat;
                }
                int keyIdLength = buffer[5];
                if (keyIdLength == 0 || keyIdLength > PackageFormat.MaxKeyIdLength)
                {
                    return PackageResult.BadLength;
                }
                if (!ReadExactly(input, buffer, 0, keyIdLength))
                {
                    return PackageResult.Truncated;
                }
                _keyId = Encoding.UTF8.GetString(buffer, 0, keyIdLength);
                if (!ReadExactly(input, _signature, 0, PackageFormat.SignatureLength) || !ReadExactly(input, buffer, 0, 2))
                {
                    return PackageResult.Truncated;
                }
                int manifestLength = (buffer[0] << 8) | buffer[1];
                if (manifestLength == 0 || manifestLength > PackageFormat.MaxManifestLength)
                {
                    return PackageResult.BadLength;
                }

                byte[] publicKey = _trustedKeys.Contains(_keyId) ? _trustedKeys[_keyId] as byte[] : null;
                if (publicKey == null || publicKey.Length != Ed25519Verifier.PublicKeyLength)
                {
                    return PackageResult.UnknownKey;
                }

                byte[] manifest = new byte[manifestLength];
                if (!ReadExactly(input, manifest, 0, manifestLength))
                {
                    return PackageResult.Truncated;
                }
                _verifier.Begin(_signature, 0, publicKey, 0);
                _verifier.Update(manifest, 0, manifestLength);
                if (!_verifier.Verify())
                {
                    return PackageResult.BadSignature;
                }

                _manifest = PackageManifest.Parse(manifest, 0, manifestLength);
                if (_manifest == null)
                {
                    return PackageResult.ManifestInvalid;
                }
                _nextComponent = 0;
                return PackageResult.Ok;
            }
            catch (Exception)
            {
                return PackageResult.ReadFailed;
            }
        }

        /// <summary>Index of the component whose payload <see cref="ReadPayload"/> reads next; -1 before a manifest
        /// has been accepted.</summary>
        public int NextComponent
        {
            get { return _nextComponent; }
        }

        /// <summary>Streams the next component's payload to output (null: only check it) and compares its SHA-256
        /// with the manifest.</summary>
        public PackageResult ReadPayload(Stream input, Stream output)
        {
            if (Manifest == null || _nextComponent < 0 || _nextComponent >= Manifest.Components.Length)
            {
                throw new InvalidOperationException("no payload to read");
            }
            PackageComponent component = Manifest.Components[_nextComponent];
            _nextComponent++;
            _sha.Reset();
            long left = component.Size;
            byte[] buffer = _buffer;
            while (left > 0)
            {
                int chunk = left < buffer.Length ? (int)left : buffer.Length;
                int read;
                try
                {
                    read = input.Read(buffer, 0, chunk);
                }
                catch (Exception)
                {
                    return PackageResult.ReadFailed;
                }
                if (read <= 0)
                {
                    return PackageResult.Truncated;
                }
                _sha.Update(buffer, 0, read);
                if (output != null)
                {
                    try
                    {
                        output.Write(buffer, 0, read);
                    }
                    catch (Exception)
                    {
                        return PackageResult.WriteFailed;
                    }
                }
                left -= read;
            }

            _sha.Final(_digest, 0);
            return ConstantTime.AreEqual(_digest, component.Sha256) ? PackageResult.Ok : PackageResult.PayloadHashMismatch;
        }

        /// <summary>After the last payload: Ok only if the stream ends there.</summary>
        public PackageResult ReadEnd(Stream input)
        {
            try
            {
                return input.ReadByte() < 0 ? PackageResult.Ok : PackageResult.TrailingData;
            }
            catch (Exception)
            {
                return PackageResult.ReadFailed;
            }
        }

        /// <summary>Checks a whole package without storing anything: manifest, every payload, and the end.</summary>
        public PackageResult Verify(Stream input)
        {
            PackageResult result = ReadManifest(input);
            while (result == PackageResult.Ok && _nextComponent < Manifest.Components.Length)
            {
                result = ReadPayload(input, null);
            }
            return result == PackageResult.Ok ? ReadEnd(input) : result;
        }

        private static bool ReadExactly(Stream input, byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int read = input.Read(buffer, offset, count);
                if (read <= 0)
                {
                    return false;
                }
                offset += read;
                count -= read;
            }
            return true;
        }
    }
}
