using System.Text;
using NanoOmaDm.Agent.Security;

namespace NanoOmaDm.Agent.Terminal.SelfTests
{
    /// <summary>The known-answer routine shared by the hash self tests: each message hashed whole, then the last one
    /// again in two pieces split at <c>split</c> so the incremental path across a block edge is checked too.</summary>
    internal static class HashKnownAnswers
    {
        public static bool Match(IIncrementalHash hash, int hashLength, string[] messages, string[] digests, int split)
        {
            byte[] digest = new byte[hashLength];
            byte[] message = null;
            for (int i = 0; i < messages.Length; i++)
            {
                message = Encoding.UTF8.GetBytes(messages[i]);
                hash.Update(message, 0, message.Length);
                hash.Final(digest, 0);
                if (HexText.Encode(digest, 0, hashLength) != digests[i])
                {
                    return false;
                }
            }
            hash.Update(message, 0, split);
            hash.Update(message, split, message.Length - split);
            hash.Final(digest, 0);
            return HexText.Encode(digest, 0, hashLength) == digests[digests.Length - 1];
        }
    }
}
