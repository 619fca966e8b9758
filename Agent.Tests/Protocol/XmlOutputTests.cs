using System.Text;
using System.Xml.Linq;
using NanoOmaDm.Agent.Protocol.Xml;
using Xunit;

namespace NanoOmaDm.Tests.Protocol
{
    public class XmlOutputTests
    {
        private static string Written(XmlOutput o) => Encoding.UTF8.GetString(o.Buffer, 0, o.Length);

        private static XDocument ParseWithSystemXml(XmlOutput o)
        {
            return XDocument.Parse(Written(o), LoadOptions.PreserveWhitespace);
        }

        /// <summary>Strings XML can carry: everything except the forbidden controls, U+FFFE/U+FFFF and lone surrogates.</summary>
        private static string RandomXmlString(Random random, int maxLength)
        {
            var b = new StringBuilder(XmlPullReaderTests.RandomText(random, maxLength));
            foreach (string insert in new[] { "]]>", "\r\n\r" })
            {
                int at = random.Next(b.Length + 1);
                if (random.Next(3) == 0 && !(at < b.Length && char.IsLowSurrogate(b[at])))
                {
                    b.Insert(at, insert);
                }
            }
            return b.ToString();
        }

        [Fact]
        public void Text_attributes_and_CDATA_round_trip_arbitrary_strings_through_System_Xml_and_the_reader()
        {
            var random = new Random(7);
            var output = new XmlOutput(1 << 16);
            var reader = new XmlPullReader(8, 1 << 16);
            for (int n = 0; n < 500; n++)
            {
                string text = RandomXmlString(random, 60);
                string attribute = RandomXmlString(random, 20);
                string cdata = RandomXmlString(random, 40);
                output.Reset();
                Assert.True(output.StartElement("r", "a", attribute));
                Assert.True(output.StartElement("t"));
                Assert.True(output.Text(text));
                Assert.True(output.EndElement("t"));
                Assert.True(output.StartElement("c"));
                Assert.True(output.CData(cdata));
                Assert.True(output.EndElement("c"));
                Assert.True(output.EndElement("r"));

                XDocument oracle = ParseWithSystemXml(output);
                Assert.Equal(attribute, oracle.Root.Attribute("a").Value);
                Assert.Equal(text, oracle.Root.Element("t").Value);
                Assert.Equal(cdata, oracle.Root.Element("c").Value);

                reader.Reset(output.Buffer, 0, output.Length);
                Assert.Equal(XmlToken.StartElement, reader.Read());
                Assert.Equal(attribute, reader.GetAttributeValue(0));
                Assert.Equal(XmlToken.StartElement, reader.Read());
                Assert.Equal(text, text.Length == 0 ? "" : ReadText(reader));
                Assert.Equal(XmlToken.EndElement, text.Length == 0 ? reader.Read() : reader.Token);
                Assert.Equal(XmlToken.StartElement, reader.Read());
                Assert.Equal(cdata, cdata.Length == 0 ? "" : ReadText(reader));
            }
        }

        private static string ReadText(XmlPullReader reader)
        {
            Assert.Equal(XmlToken.Text, reader.Read());
            string value = reader.Value;
            Assert.Equal(XmlToken.EndElement, reader.Read());
            return value;
        }

        [Fact]
        public void Characters_XML_cannot_carry_become_U_FFFD_and_the_output_stays_well_formed()
        {
            string bad = "a\u0000b\u0001\u001F\uFFFE\uFFFF\uD800x\uDC00";
            var output = new XmlOutput(256);
            output.StartElement("r", "a", bad);
            output.Text(bad);
            output.CData(bad);
            output.EndElement("r");
            XDocument oracle = ParseWithSystemXml(output);
            string expected = "a\uFFFDb\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD";
            Assert.Equal(expected, oracle.Root.Attribute("a").Value);
            Assert.Equal(expected + expected, oracle.Root.Value);
        }

        [Fact]
        public void Escaping_is_the_minimal_one()
        {
            var output = new XmlOutput(256);
            output.Element("e", "a", "q\"'<&>\t\n", "<&>\"'\r\t\n");
            Assert.Equal("<e a=\"q&quot;&apos;&lt;&amp;&gt;&#9;&#10;\">&lt;&amp;&gt;\"'&#13;\t\n</e>", Written(output));
            output.Reset();
            output.Element("e", "");
            output.Element("f", null);
            output.Element("g", "xmlns", "syncml:metinf", "");
            Assert.Equal("<e/><f/><g xmlns=\"syncml:metinf\"/>", Written(output));
        }

        /// <summary>Independent escaper for the length checks.</summary>
        private static string OracleEscape(string s)
        {
            return s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "&#13;");
        }

        [Fact]
        public void EscapedLength_matches_the_UTF8_length_of_the_escaped_text()
        {
            var random = new Random(11);
            for (int n = 0; n < 500; n++)
            {
                string s = RandomXmlString(random, 80);
                int start = random.Next(s.Length + 1);
                int count = random.Next(s.Length - start + 1);
                // Only whole surrogate pairs: a cut pair would be written as U+FFFD.
                if (start < s.Length && char.IsLowSurrogate(s[start]))
                {
                    continue;
                }
                if (count > 0 && start + count < s.Length && char.IsLowSurrogate(s[start + count]))
                {
                    continue;
                }
                int expected = Encoding.UTF8.GetByteCount(OracleEscape(s.Substring(start, count)));
                Assert.Equal(expected, XmlEscape.EscapedLength(s, start, count));
                var output = new XmlOutput(1024);
                Assert.True(output.Text(s, start, count));
                Assert.Equal(expected, output.Length);
            }
            Assert.Equal(0, XmlEscape.EscapedLength(null));
            Assert.Equal(0, XmlEscape.EscapedLength("abc", 2, 5));
        }

        [Fact]
        public void CharsThatFit_is_the_longest_prefix_within_the_budget_and_never_splits_a_pair()
        {
            var random = new Random(12);
            for (int n = 0; n < 1000; n++)
            {
                string s = RandomXmlString(random, 60);
                int budget = random.Next(200);
                int fit = XmlEscape.CharsThatFit(s, 0, s.Length, budget);
                Assert.InRange(fit, 0, s.Length);
                Assert.True(Encoding.UTF8.GetByteCount(OracleEscape(s.Substring(0, fit))) <= budget);
                if (fit > 0)
                {
                    Assert.False(char.IsHighSurrogate(s[fit - 1]) && fit < s.Length && char.IsLowSurrogate(s[fit]), "split a surrogate pair");
                }
                if (fit < s.Length)
                {
                    int next = char.IsHighSurrogate(s[fit]) && fit + 1 < s.Length ? fit + 2 : fit + 1;
                    Assert.True(Encoding.UTF8.GetByteCount(OracleEscape(s.Substring(0, next))) > budget, "a longer prefix would fit");
                }
            }
        }

        [Fact]
        public void A_write_that_does_not_fit_leaves_the_buffer_unchanged_and_blocks_later_writes()
        {
            var output = new XmlOutput(20);
            Assert.True(output.StartElement("root"));
            int mark = output.Mark();
            byte[] before = output.Buffer.Take(output.Length).ToArray();
            Assert.False(output.Element("child", "far too long for the rest"));
            Assert.True(output.Overflowed);
            Assert.Equal(mark, output.Length);
            Assert.Equal(before, output.Buffer.Take(output.Length).ToArray());
            Assert.False(output.EmptyElement("x"), "writes are refused after an overflow");
            Assert.Equal(mark, output.Length);
            output.Rewind(mark);
            Assert.False(output.Overflowed);
            Assert.True(output.EmptyElement("x"));
            Assert.True(output.EndElement("root"));
            Assert.Equal("<root><x/></root>", Written(output));
            Assert.Equal(3, output.Remaining);
        }

        [Fact]
        public void Writes_fill_the_capacity_exactly()
        {
            var output = new XmlOutput(9);
            Assert.True(output.Text("12345678"));
            Assert.True(output.Text("9"));
            Assert.Equal(0, output.Remaining);
            Assert.False(output.Text("x"));
            Assert.Equal(9, output.Length);
        }

        [Fact]
        public void Limit_keeps_room_and_is_clamped_to_the_capacity()
        {
            var output = new XmlOutput(10) { Limit = 4 };
            Assert.False(output.Text("12345"));
            output.Rewind(0);
            Assert.True(output.Text("1234"));
            output.Limit = 100;
            Assert.Equal(10, output.Limit);
            Assert.True(output.Text("567890"));
            output.Limit = -5;
            Assert.Equal(0, output.Limit);
        }

        [Fact]
        public void Counter_measures_what_a_buffer_would_hold()
        {
            var random = new Random(5);
            var counter = XmlOutput.CreateCounter();
            var output = new XmlOutput(4096);
            for (int n = 0; n < 100; n++)
            {
                string s = RandomXmlString(random, 100);
                counter.Reset();
                output.Reset();
                foreach (XmlOutput o in new[] { counter, output })
                {
                    o.StartElement("a", "b", s);
                    o.Text(s);
                    o.CData(s);
                    o.Element("c", s);
                    o.EndElement("a");
                }
                Assert.Null(counter.Buffer);
                Assert.False(output.Overflowed);
                Assert.Equal(output.Length, counter.Length);
            }
        }
    }
}
