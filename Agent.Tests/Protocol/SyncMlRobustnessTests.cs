using System.Diagnostics;
using System.Text;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using Xunit;

namespace NanoOmaDm.Tests.Protocol
{
    /// <summary>Hostile and broken input: the parser must answer null with a reason, never throw, never hang, and
    /// never need memory beyond its limits.</summary>
    public class SyncMlRobustnessTests
    {
        private static readonly byte[] Package2 = SyncMlSamples.Utf8(SyncMlSamples.ServerPackage2);

        [Fact]
        public void Every_truncation_of_a_valid_message_is_rejected()
        {
            var parser = new SyncMlParser(32, 64 * 1024);
            for (int length = 0; length < Package2.Length; length++)
            {
                SyncMessage m = parser.Parse(Package2, 0, length);
                Assert.True(m == null, "accepted a message cut at byte " + length);
                Assert.False(string.IsNullOrEmpty(parser.Error));
            }
            Assert.NotNull(parser.Parse(Package2, 0, Package2.Length));
        }

        [Fact]
        public void Seeded_random_mutations_never_throw_and_accept_only_well_formed_SyncML()
        {
            var random = new Random(2024);
            var parser = new SyncMlParser(32, 64 * 1024);
            byte[][] seeds = { Package2, SyncMlSamples.Utf8(SyncMlSamples.ClientPackage1Prefixed) };
            int accepted = 0;
            var clock = Stopwatch.StartNew();
            for (int n = 0; n < 4000; n++)
            {
                byte[] doc = XmlPullReaderTests.Mutate(seeds[n % 2], random);
                SyncMessage m = parser.Parse(doc, 0, doc.Length);
                if (m == null)
                {
                    Assert.False(string.IsNullOrEmpty(parser.Error));
                    continue;
                }
                accepted++;
                List<string> oracle = XmlEventOracle.FromSystemXml(doc, out string oracleError);
                Assert.True(oracle[0] != XmlEventOracle.Error || oracleError.Contains("character"), "accepted XML that System.Xml rejects: " + oracleError);
            }
            Assert.InRange(accepted, 100, 3900);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "took " + clock.Elapsed);
        }

        [Fact]
        public void Random_garbage_is_rejected()
        {
            var random = new Random(99);
            var parser = new SyncMlParser(32, 1024);
            var buffer = new byte[512];
            for (int n = 0; n < 2000; n++)
            {
                random.NextBytes(buffer);
                int length = random.Next(buffer.Length + 1);
                if (n % 2 == 0 && length > 0)
                {
                    buffer[0] = (byte)'<';
                }
                Assert.Null(parser.Parse(buffer, 0, length));
                Assert.NotNull(parser.Error);
            }
        }

        [Fact]
        public void Invalid_UTF8_in_data_is_rejected()
        {
            var parser = new SyncMlParser(32, 1024);
            byte[] prefix = SyncMlSamples.Utf8("<SyncML><SyncHdr/><SyncBody><Replace><Item><Data>ok");
            byte[] suffix = SyncMlSamples.Utf8("</Data></Item></Replace></SyncBody></SyncML>");
            foreach (byte[] bad in new[] { new byte[] { 0xC3 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xB0, 0x80 }, new byte[] { 0xFE } })
            {
                byte[] doc = prefix.Concat(bad).Concat(suffix).ToArray();
                Assert.Null(parser.Parse(doc, 0, doc.Length));
                Assert.Contains("UTF-8", parser.Error);
            }
        }

        [Fact]
        public void Depth_bomb_is_a_clean_error()
        {
            var b = new StringBuilder("<SyncML><SyncHdr/><SyncBody><Add><Item><Data>");
            for (int i = 0; i < 10000; i++)
            {
                b.Append("<x>");
            }
            for (int i = 0; i < 10000; i++)
            {
                b.Append("</x>");
            }
            b.Append("</Data></Item></Add></SyncBody></SyncML>");
            byte[] doc = SyncMlSamples.Utf8(b.ToString());
            var parser = new SyncMlParser(24, 1024);
            Assert.Null(parser.Parse(doc, 0, doc.Length));
            Assert.Contains("nested deeper than 24", parser.Error);
        }

        [Fact]
        public void Megabyte_text_node_with_a_64K_limit_is_a_clean_error()
        {
            string doc = "<SyncML><SyncHdr/><SyncBody><Add><Item><Data>" + new string('Q', 1024 * 1024) + "</Data></Item></Add></SyncBody></SyncML>";
            byte[] bytes = SyncMlSamples.Utf8(doc);
            var parser = new SyncMlParser(32, 64 * 1024);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Null(parser.Parse(bytes, 0, bytes.Length));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("longer than 65536", parser.Error);
            Assert.True(allocated < 256 * 1024, "allocated " + allocated + " bytes");
        }

        [Theory]
        [InlineData("<!DOCTYPE SyncML [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><SyncML><SyncHdr/><SyncBody><Add><Item><Data>&b;</Data></Item></Add></SyncBody></SyncML>")]
        [InlineData("<!DOCTYPE SyncML SYSTEM 'x.dtd' [<!ENTITY ext SYSTEM 'file:///etc/passwd'>]><SyncML><SyncHdr/><SyncBody/></SyncML>")]
        [InlineData("<SyncML><SyncHdr/><SyncBody><Add><Item><Data>&ext;</Data></Item></Add></SyncBody></SyncML>")]
        [InlineData("<SyncML><SyncHdr/><SyncBody><Add></Item></Add></SyncBody></SyncML>")]
        [InlineData("<SyncML><SyncHdr/><SyncBody></SyncML></SyncBody>")]
        [InlineData("<SyncML><SyncHdr/><SyncBody/></SyncML><SyncML/>")]
        public void Entity_declarations_unknown_entities_and_mismatched_tags_are_rejected(string doc)
        {
            var parser = new SyncMlParser(32, 1024);
            byte[] bytes = SyncMlSamples.Utf8(doc);
            Assert.Null(parser.Parse(bytes, 0, bytes.Length));
            Assert.StartsWith("malformed XML", parser.Error);
        }
    }
}
