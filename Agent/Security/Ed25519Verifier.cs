using System;

namespace NanoOmaDm.Agent.Security
{
    /// <summary>Ed25519 signature verification (RFC 8032 §5.1.7, cofactorless), with the message streamed:
    /// <see cref="Begin"/>, any number of <see cref="Update"/> calls, then <see cref="Verify"/>. Strict: S must be
    /// below L, A must be a canonical point encoding, and R must equal the canonical encoding of [S]B - [k]A.
    /// All working memory (about 4 KB) is allocated once per instance and reused by every verification.</summary>
    public sealed class Ed25519Verifier
    {
        public const int PublicKeyLength = 32;
        public const int SignatureLength = 64;

        private readonly Sha512 _sha = new Sha512();
        private readonly Ed25519Curve _curve = new Ed25519Curve();
        private readonly Ed25519Point _sum = new Ed25519Point();
        private readonly Ed25519Point _base = new Ed25519Point();
        private readonly Ed25519Point _negatedKey = new Ed25519Point();
        private readonly Ed25519Point _baseMinusKey = new Ed25519Point();
        private readonly byte[] _r = new byte[32];
        private readonly byte[] _s = new byte[32];
        private readonly byte[] _k = new byte[32];
        private readonly byte[] _hash = new byte[Sha512.HashLength];
        private readonly long[] _wide = new long[64];
        private bool _started;
        private bool _acceptable;

        /// <summary>Starts a verification. Returns false when the signature or key is malformed (S ≥ L, invalid point);
        /// <see cref="Verify"/> then returns false too, so a caller may stream the message regardless.</summary>
        public bool Begin(byte[] signature, int signatureOffset, byte[] publicKey, int publicKeyOffset)
        {
            if (signature == null || publicKey == null || signatureOffset < 0 || publicKeyOffset < 0
                || signatureOffset > signature.Length - SignatureLength
                || publicKeyOffset > publicKey.Length - PublicKeyLength)
            {
                throw new ArgumentException("signature or public key out of range");
            }

            Array.Copy(signature, signatureOffset, _r, 0, 32);
            Array.Copy(signature, signatureOffset + 32, _s, 0, 32);
            _sha.Reset();
            _sha.Update(_r, 0, 32);
            _sha.Update(publicKey, publicKeyOffset, PublicKeyLength);
            _started = true;
            _acceptable = Scalar25519.IsCanonical(_s, 0) && _curve.DecodeNegated(_negatedKey, publicKey, publicKeyOffset);
            return _acceptable;
        }

        public void Update(byte[] data, int offset, int count)
        {
            if (!_started)
            {
                throw new InvalidOperationException("Begin first");
            }
            _sha.Update(data, offset, count);
        }

        /// <summary>Finishes the verification started by <see cref="Begin"/>; true only for a valid signature.</summary>
        public bool Verify()
        {
            if (!_started)
            {
                return false;
            }
            _started = false;
            _sha.Final(_hash, 0);
            if (!_acceptable)
            {
                return false;
            }

            for (int i = 0; i < 64; i++)
            {
                _wide[i] = _hash[i];
            }
            Scalar25519.Reduce(_k, _wide);

            // Straus: one chain of doublings for [S]B + [k](-A), adding B, -A or B - A as the bit pair demands.
            Ed25519Curve curve = _curve;
            curve.SetBase(_base);
            curve.Add(_baseMinusKey, _base, _negatedKey);
            Ed25519Point sum = _sum;
            sum.SetNeutral();
            for (int bit = 252; bit >= 0; bit--)
            {
                curve.Double(sum, sum);
                int s = (_s[bit >> 3] >> (bit & 7)) & 1;
                int k = (_k[bit >> 3] >> (bit & 7)) & 1;
                if (s == 1 && k == 1)
                {
                    curve.Add(sum, sum, _baseMinusKey);
                }
                else if (s == 1)
                {
                    curve.Add(sum, sum, _base);
                }
                else if (k == 1)
                {
                    curve.Add(sum, sum, _negatedKey);
                }
            }

            // Reuses the hash buffer for the encoding of the result.
            curve.Encode(_hash, 0, sum);
            int difference = 0;
            for (int i = 0; i < 32; i++)
            {
                difference |= _hash[i] ^ _r[i];
            }
            return difference == 0;
        }

        /// <summary>One-shot verification of message[offset..offset+count).</summary>
        public bool Verify(byte[] signature, byte[] publicKey, byte[] message, int offset, int count)
        {
            Begin(signature, 0, publicKey, 0);
            Update(message, offset, count);
            return Verify();
        }
    }
}
