using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace NanoOmaDm.PackageTool;

/// <summary>An Ed25519 private key (its 32-byte seed). Key files hold lowercase hex and a newline:
/// NAME.key the seed, NAME.pub the public key.</summary>
public sealed class SigningKey
{
    private readonly Ed25519PrivateKeyParameters _key;

    public SigningKey(byte[] seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("an Ed25519 seed is 32 bytes");
        }
        _key = new Ed25519PrivateKeyParameters(seed, 0);
    }

    public byte[] Seed => _key.GetEncoded();

    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    public static SigningKey Generate() => new(SecureRandom.GetNextBytes(new SecureRandom(), 32));

    public static SigningKey Load(string path) => new(ReadHexFile(path));

    public static byte[] ReadHexFile(string path) => Convert.FromHexString(File.ReadAllText(path).Trim());

    public byte[] Sign(byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }
}
