using System.Diagnostics;
using NanoOmaDm.Agent.Protocol;
using NanoOmaDm.Agent.Protocol.Codec;
using NanoOmaDm.Agent.Protocol.Wbxml;
using NanoOmaDm.Agent.Protocol.Xml;
using Xunit;
using B = NanoOmaDm.Tests.Wbxml.WbxmlBuilder;

namespace NanoOmaDm.Tests.Wbxml
{
    /// <summary>Hostile and broken WBXML: the parser answers null with a reason, never throws, never hangs, and
    /// needs no memory beyond its limits.</summary>
    public class WbxmlRobustnessTests
    {
        private static byte[][] Seeds()
        {
            return new[]
            {
                WbxmlSamples.GoldenPkg1,
                WbxmlModels.Write(WbxmlModels.ClientPackage3(), SyncMlEncoding.Wbxml),
                LibWbxml.XmlToWbxml(WbxmlSamples.Utf8(WbxmlSamples.ClientPackage3)),
                LibWbxml.XmlToWbxml(WbxmlSamples.Utf8(WbxmlSamples.ServerPackage4)),
            };
        }

        private static string Reject(byte[] doc, int maxDepth = 32, int maxData = 64 * 1024)
        {
            var parser = new SyncMlParser(maxDepth, maxData, SyncMlEncoding.Wbxml);
            Assert.Null(parser.Parse(doc, 0, doc.Length));
            Assert.StartsWith("malformed WBXML: ", parser.Error);
            return parser.Error;
        }

        [Fact]
        public void Every_truncation_of_a_valid_message_is_rejected()
        {
            var parser = new SyncMlParser(32, 64 * 1024, SyncMlEncoding.Wbxml);
            foreach (byte[] doc in Seeds())
            {
                Assert.NotNull(parser.Parse(doc, 0, doc.Length));
                for (int length = 0; length < doc.Length; length++)
                {
                    Assert.True(parser.Parse(doc, 0, length) == null, "accepted a message cut at byte " + length);
                    Assert.False(string.IsNullOrEmpty(parser.Error));
                }
            }
        }

        [Fact]
        public void Seeded_random_mutations_never_throw_or_hang()
        {
            var random = new Random(1303);
            var parser = new SyncMlParser(32, 4096, SyncMlEncoding.Wbxml);
            byte[][] seeds = Seeds();
            int accepted = 0;
            var clock = Stopwatch.StartNew();
            for (int n = 0; n < 8000; n++)
            {
                byte[] doc = (byte[])seeds[n % seeds.Length].Clone();
                int edits = 1 + random.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    doc = Mutate(doc, random);
                }
                SyncMessage m = parser.Parse(doc, 0, doc.Length);
                if (m == null)
                {
                    Assert.False(string.IsNullOrEmpty(parser.Error));
                }
                else
                {
                    accepted++;
                    Assert.Null(parser.Error);
                }
            }
            Assert.InRange(accepted, 1, 7999);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "took " + clock.Elapsed);
        }

        private static byte[] Mutate(byte[] doc, Random random)
        {
            var list = doc.ToList();
            int at = list.Count == 0 ? 0 : random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0 when list.Count > 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1 when list.Count > 0:
                    list.RemoveAt(at);
                    break;
                case 2:
                    list.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when list.Count > 0:
                    // interesting bytes: global tokens and integer continuation
                    byte[] tokens = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x44, 0x83, 0xC3, 0x80, 0xFF, 0x7F };
                    list[at] = tokens[random.Next(tokens.Length)];
                    break;
                default:
                    if (list.Count > 1)
                    {
                        int from = random.Next(list.Count);
                        int length = Math.Min(random.Next(16), list.Count - from);
                        list.InsertRange(random.Next(list.Count), list.GetRange(from, length));
                    }
                    break;
            }
            return list.ToArray();
        }

        [Fact]
        public void Random_garbage_is_rejected()
        {
            var random = new Random(77);
            var parser = new SyncMlParser(32, 1024, SyncMlEncoding.Wbxml);
            var buffer = new byte[512];
            for (int n = 0; n < 3000; n++)
            {
                random.NextBytes(buffer);
                int length = random.Next(buffer.Length + 1);
                if (n % 2 == 0 && length > 5)
                {
                    buffer[0] = 0x03;
                    buffer[1] = 0x6A;
                    buffer[2] = 0x6A;
                    buffer[3] = 0x00;
                }
                Assert.Null(parser.Parse(buffer, 0, length));
                Assert.NotNull(parser.Error);
            }
        }

        [Theory]
        [InlineData("80 80 80 80 80 01", "longer than 5 bytes")]
        [InlineData("FF FF FF FF FF FF 7F", "larger than 2^31-1")]
        [InlineData("8F FF FF FF 7F", "larger than 2^31-1")]
        [InlineData("90 80 80 80 00", "larger than 2^31-1")]
        public void Bad_multi_byte_integers_are_clean_errors(string publicId, string reason)
        {
            byte[] doc = WbxmlSamples.Concat(WbxmlSamples.Hex("03"), WbxmlSamples.Hex(publicId), WbxmlSamples.Hex("6A 00 6D 01"));
            Assert.Contains(reason, Reject(doc));
        }

        [Fact]
        public void Integer_cut_off_by_the_end_of_input_is_a_clean_error()
        {
            Assert.Contains("end of input in a multi-byte integer", Reject(WbxmlSamples.Hex("03 80 80")));
        }

        [Fact]
        public void Overlong_integers_in_the_body_are_clean_errors()
        {
            // OPAQUE length, STR_T offset, ENTITY and LITERAL index each with six continuation bytes
            foreach (byte token in new byte[] { 0xC3, 0x83, 0x02 })
            {
                byte[] doc = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).Byte(token).Raw(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).End().End().Close();
                Assert.Contains("multi-byte integer", Reject(doc));
            }
            byte[] literal = B.Document().Header().Tag(B.SyncBody).Byte(0x44).Raw(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).End().Close();
            Assert.Contains("multi-byte integer", Reject(literal));
        }

        [Fact]
        public void String_table_offsets_out_of_range_are_clean_errors()
        {
            byte[] table = B.Table(out _, "abc");
            foreach (uint offset in new uint[] { 4, 5, 1000, int.MaxValue })
            {
                byte[] strT = B.Document(table: table).Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).StrT(offset).End().End().Close();
                Assert.Contains("outside the table", Reject(strT));
                byte[] literal = B.Document(table: table).Header().Tag(B.SyncBody).Byte(0x44).Int(offset).End().Close();
                Assert.Contains("outside the table", Reject(literal));
                byte[] publicId = WbxmlSamples.Concat(WbxmlSamples.Hex("03 00"), new B().Int(offset).ToArray(), WbxmlSamples.Hex("6A 04"), table, WbxmlSamples.Hex("6D 01"));
                Assert.Contains("outside the table", Reject(publicId));
            }
            byte[] noTable = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).StrT(0).End().End().Close();
            Assert.Contains("outside the table of 0 bytes", Reject(noTable));
        }

        [Fact]
        public void String_table_and_opaque_lengths_beyond_the_document_are_clean_errors()
        {
            Assert.Contains("string table longer", Reject(WbxmlSamples.Hex("03 A4 01 6A 84 00 41 42")));
            byte[] opaque = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).Byte(0xC3).Int(100).Raw(1, 2, 3).Close();
            Assert.Contains("OPAQUE longer", Reject(opaque));
        }

        [Fact]
        public void Deep_nesting_is_a_clean_error()
        {
            var b = B.Document().Header().Tag(B.SyncBody).Tag(B.Replace).Tag(B.Item).Tag(B.Data);
            for (int i = 0; i < 10000; i++)
            {
                b.Tag(B.Item);
            }
            for (int i = 0; i < 10000; i++)
            {
                b.End();
            }
            byte[] doc = b.End().End().End().Close();
            Assert.Contains("nested deeper than 24", Reject(doc, maxDepth: 24));
        }

        [Fact]
        public void Invalid_UTF8_and_characters_XML_cannot_carry_are_rejected_in_strings()
        {
            foreach (byte[] bad in new[] { new byte[] { 0xC3 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xB0, 0x80 }, new byte[] { 0xFE }, new byte[] { 0x01 }, new byte[] { 0xEF, 0xBF, 0xBF } })
            {
                byte[] doc = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).Byte(0x03).Raw(bad).Byte(0).End().End().Close();
                Assert.Contains("not UTF-8", Reject(doc));
            }
            foreach (uint c in new uint[] { 0, 1, 0xFFFE, 0xD800, 0x110000 })
            {
                byte[] doc = B.Document().Header().Tag(B.SyncBody).Tag(B.Alert).Tag(B.Data).Entity(c).End().End().Close();
                Assert.Contains("ENTITY", Reject(doc));
            }
        }

        [Fact]
        public void Structural_errors_are_clean()
        {
            Assert.Contains("no root element", Reject(WbxmlSamples.Hex("03 A4 01 6A 00")));
            Assert.Contains("END without an open element", Reject(WbxmlSamples.Hex("03 A4 01 6A 00 01")));
            Assert.Contains("text outside the root", Reject(WbxmlSamples.Hex("03 A4 01 6A 00 03 41 00")));
            Assert.Contains("after the root element", Reject(WbxmlSamples.Concat(WbxmlSamples.GoldenPkg1, WbxmlSamples.Hex("6D 01"))));
            Assert.Contains("unterminated inline string", Reject(WbxmlSamples.Hex("03 A4 01 6A 00 6D 03 41 42")));
            Assert.Contains("invalid input range", new Func<string>(() =>
            {
                var parser = new SyncMlParser(8, 8, SyncMlEncoding.Wbxml);
                Assert.Null(parser.Parse(WbxmlSamples.GoldenPkg1, 10, WbxmlSamples.GoldenPkg1.Length));
                return parser.Error;
            })());
        }

        [Fact]
        public void Root_other_than_SyncML_is_refused()
        {
            var parser = new SyncMlParser(8, 64, SyncMlEncoding.Wbxml);
            byte[] doc = WbxmlSamples.Hex("03 A4 01 6A 00 6C 01");
            Assert.Null(parser.Parse(doc, 0, doc.Length));
            Assert.StartsWith("root element must be SyncML", parser.Error);
        }

        [Fact]
        public void Text_and_opaque_longer_than_the_limit_are_clean_errors_without_big_allocations()
        {
            byte[] megabyte = new byte[1024 * 1024];
            Array.Fill(megabyte, (byte)'Q');
            byte[] str = B.Document().Header().Tag(B.SyncBody).Tag(B.Replace).Tag(B.Item).Tag(B.Data).Byte(0x03).Raw(megabyte).Byte(0).End().End().End().Close();
            byte[] opaque = B.Document().Header().Tag(B.SyncBody).Tag(B.Replace).Tag(B.Item).Tag(B.Data).Opaque(megabyte).End().End().End().Close();
            var parser = new SyncMlParser(32, 64 * 1024, SyncMlEncoding.Wbxml);
            foreach (byte[] doc in new[] { str, opaque })
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Assert.Null(parser.Parse(doc, 0, doc.Length));
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Contains("longer than 65536", parser.Error);
                Assert.True(allocated < 64 * 1024, "allocated " + allocated + " bytes");
            }
        }

        [Fact]
        public void String_table_references_cannot_expand_a_small_message_into_a_large_model()
        {
            // 1000 Items each referencing one 1000-character string: 2 bytes of input per 1000 characters
            byte[] table = B.Table(out _, new string('Z', 1000));
            var b = B.Document(table: table).Header().Tag(B.SyncBody).Tag(B.Replace);
            for (int i = 0; i < 1000; i++)
            {
                b.Tag(B.Item).Tag(B.Data).StrT(0).End().End();
            }
            byte[] doc = b.End().Close();
            Assert.True(doc.Length < 10000);
            Assert.Contains("string table references expand", Reject(doc));

            // the same with LITERAL names: 1000 commands each named by the 1000-character string
            var literals = B.Document(table: table).Header().Tag(B.SyncBody);
            for (int i = 0; i < 1000; i++)
            {
                literals.Byte(0x04).Int(0);
            }
            Assert.Contains("string table references expand", Reject(literals.Close()));

            // a moderate use of the table is fine
            var ok = B.Document(table: table).Header().Tag(B.SyncBody).Tag(B.Replace);
            for (int i = 0; i < 3; i++)
            {
                ok.Tag(B.Item).Tag(B.Data).StrT(0).End().End();
            }
            byte[] small = ok.End().Close();
            Assert.Equal(3, ((Command)WbxmlModels.ParseWbxml(small).Commands[0]).Items.Count);
        }

        [Fact]
        public void Reader_tokens_after_an_error_stay_Error_and_never_throw()
        {
            var reader = new WbxmlReader(8, 64);
            reader.Reset(WbxmlSamples.Hex("03 A4 01 6A 00 6D 70"), 0, 7);
            Assert.Equal(XmlToken.StartElement, reader.Read());
            Assert.Equal(XmlToken.Error, reader.Read());
            Assert.Equal(XmlToken.Error, reader.Read());
            Assert.Contains("unknown tag 0x30 on code page 0", reader.ErrorMessage);
            Assert.Equal(6, reader.ErrorPosition);
            Assert.Null(reader.Value);
            Assert.Null(reader.GetOpaque());
            Assert.Null(reader.GetSourceText(0, 1));
            reader.Reset(null, 0, 0);
            Assert.Equal(XmlToken.Error, reader.Read());
        }
    }
}
