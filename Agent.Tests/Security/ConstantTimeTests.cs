using NanoOmaDm.Agent.Security;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class ConstantTimeTests
    {
        [Fact]
        public void EqualStringsAndArraysCompareEqual()
        {
            Assert.True(ConstantTime.AreEqual("Zz6EivR3yeaaENcRN6lpAQ==", "Zz6EivR3yeaaENcRN6lpAQ=="));
            Assert.True(ConstantTime.AreEqual("", ""));
            Assert.True(ConstantTime.AreEqual(new byte[] { 1, 2, 3 }, new byte[] { 1, 2, 3 }));
            Assert.True(ConstantTime.AreEqual(new byte[0], new byte[0]));
        }

        [Fact]
        public void ADifferenceAtAnyPositionIsFound()
        {
            const string reference = "Zz6EivR3yeaaENcRN6lpAQ==";
            byte[] bytes = new byte[16];
            for (int i = 0; i < reference.Length; i++)
            {
                char[] changed = reference.ToCharArray();
                changed[i] = (char)(changed[i] ^ 1);
                Assert.False(ConstantTime.AreEqual(reference, new string(changed)));
            }
            for (int i = 0; i < bytes.Length; i++)
            {
                byte[] changed = (byte[])bytes.Clone();
                changed[i] = 0x80;
                Assert.False(ConstantTime.AreEqual(bytes, changed));
            }
        }

        [Fact]
        public void LengthMismatchAndNullAreUnequal()
        {
            Assert.False(ConstantTime.AreEqual("abc", "abcd"));
            Assert.False(ConstantTime.AreEqual(null, "a"));
            Assert.False(ConstantTime.AreEqual("a", null));
            Assert.False(ConstantTime.AreEqual((string)null, null));
            Assert.False(ConstantTime.AreEqual(new byte[2], new byte[3]));
            Assert.False(ConstantTime.AreEqual(null, new byte[0]));
        }

        [Fact]
        public void RangesCompareInPlaceAndOutOfRangeIsUnequal()
        {
            byte[] a = { 9, 1, 2, 3 };
            byte[] b = { 1, 2, 3, 7, 7 };
            Assert.True(ConstantTime.AreEqual(a, 1, b, 0, 3));
            Assert.False(ConstantTime.AreEqual(a, 0, b, 0, 3));
            Assert.False(ConstantTime.AreEqual(a, 2, b, 0, 3));
            Assert.False(ConstantTime.AreEqual(a, -1, b, 0, 1));
            Assert.False(ConstantTime.AreEqual(a, 0, b, 0, -1));
            Assert.False(ConstantTime.AreEqual(a, 0, null, 0, 0));
        }
    }
}
