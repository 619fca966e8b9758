using System.Text;
using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Terminal.SelfTests
{
    /// <summary>SHA-256 against the FIPS 180-2 examples (one block, two blocks) and the empty message, the two-block one
    /// also fed in two pieces (the incremental path).</summary>
    public sealed class Sha256SelfTest : ISelfTest
    {
        private static readonly string[] Messages =
        {
            "",
            "abc",
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        };

        private static readonly string[] Digests =
        {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        };

        public string Name
        {
            get { return "sha256"; }
        }

        public bool Run()
        {
            for (int i = 0; i < Messages.Length; i++)
            {
                byte[] message = Encoding.UTF8.GetBytes(Messages[i]);
                if (HexText.Encode(Sha256.Hash(message, 0, message.Length), 0, Sha256.HashLength) != Digests[i])
                {
                    return false;
                }
            }
            byte[] last = Encoding.UTF8.GetBytes(Messages[Messages.Length - 1]);
            Sha256 sha = new Sha256();
            sha.Update(last, 0, 30);
            sha.Update(last, 30, last.Length - 30);
            byte[] digest = new byte[Sha256.HashLength];
            sha.Final(digest, 0);
            return HexText.Encode(digest, 0, Sha256.HashLength) == Digests[Digests.Length - 1];
        }
    }
}
