using System.Threading;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    public sealed class ThreadSleeper : ISleeper
    {
        public void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
