using NanoOmaDm.Hal;

namespace NanoOmaDm.Bench;

/// <summary>Sits between the download client and its transport and measures waste: for every response, the body bytes
/// delivered at image positions the client had already received before (in this or an earlier boot). Every response
/// after the first follows an interruption, so the largest per-response figure is the worst re-fetch of one
/// interruption.</summary>
public sealed class DownloadRefetchMeter : IHttpDownloadTransport
{
    private readonly IHttpDownloadTransport inner;
    private long highWater;

    public DownloadRefetchMeter(IHttpDownloadTransport inner)
    {
        this.inner = inner;
    }

    public int Responses { get; private set; }

    public long MaxRefetched { get; private set; }

    public long TotalRefetched { get; private set; }

    public long TotalDelivered { get; private set; }

    public IHttpDownloadResponse Get(HttpDownloadRequest request)
    {
        IHttpDownloadResponse response = inner.Get(request);
        // A 206 continues at the requested offset (the client rejects any other Content-Range before reading a byte);
        // everything else carries the entity from its start.
        long start = response.Status == 206 && request.RangeFrom > 0 ? request.RangeFrom : 0;
        Responses++;
        return new Metered(this, response, start);
    }

    private void Account(long position, int count)
    {
        long end = position + count;
        long overlap = Math.Max(0, Math.Min(end, highWater) - position);
        TotalRefetched += overlap;
        TotalDelivered += count;
        highWater = Math.Max(highWater, end);
    }

    private sealed class Metered : IHttpDownloadResponse
    {
        private readonly DownloadRefetchMeter meter;
        private readonly IHttpDownloadResponse inner;
        private long position;
        private long refetched;

        public Metered(DownloadRefetchMeter meter, IHttpDownloadResponse inner, long start)
        {
            this.meter = meter;
            this.inner = inner;
            position = start;
        }

        public int Status => inner.Status;

        public string GetHeader(string name) => inner.GetHeader(name);

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            if (n > 0 && (Status == 200 || Status == 206))
            {
                long before = meter.TotalRefetched;
                meter.Account(position, n);
                refetched += meter.TotalRefetched - before;
                meter.MaxRefetched = Math.Max(meter.MaxRefetched, refetched);
                position += n;
            }

            return n;
        }

        public void Close() => inner.Close();
    }
}
