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
            return HashKnownAnswers.Match(new Sha256(), Sha256.HashLength, Messages, Digests, 30);
        }
    }
}
