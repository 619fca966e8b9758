using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Terminal.SelfTests
{
    /// <summary>MD5 against the RFC 1321 test suite (A.5), the last message also fed in two pieces across a block edge.</summary>
    public sealed class Md5SelfTest : ISelfTest
    {
        private static readonly string[] Messages =
        {
            "",
            "abc",
            "message digest",
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890"
        };

        private static readonly string[] Digests =
        {
            "d41d8cd98f00b204e9800998ecf8427e",
            "900150983cd24fb0d6963f7d28e17f72",
            "f96b697d7cb7938d525a2f31aaf161d0",
            "57edf4a22be3c955ac49da2e2107b67a"
        };

        public string Name
        {
            get { return "md5"; }
        }

        public bool Run()
        {
            return HashKnownAnswers.Match(new Md5(), Md5.HashLength, Messages, Digests, 50);
        }
    }
}
