using NanoOmaDm.Agent.Security;
using NanoOmaDm.Hal;
using Xunit;

namespace NanoOmaDm.Tests.Security
{
    public class NonceFactoryTests
    {
        private sealed class CountingRandom : IRandomSource
        {
            public int Calls;

            public void NextBytes(byte[] buffer)
            {
                Calls++;
                for (int i = 0; i < buffer.Length; i++)
                {
                    buffer[i] = (byte)(Calls * 31 + i);
                }
            }
        }

        [Fact]
        public void EachNonceIsSixteenFreshBytesFromTheSource()
        {
            var random = new CountingRandom();
            byte[] first = NonceFactory.Create(random);
            byte[] second = NonceFactory.Create(random);

            Assert.Equal(2, random.Calls);
            Assert.Equal(16, first.Length);
            Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)(31 + i)), first);
            Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)(62 + i)), second);
        }
    }
}
