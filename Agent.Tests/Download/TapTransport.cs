using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>What the client asked for and got, seen between the client and a real transport; can also break a
    /// response on the client side (a link that drops) after a given number of body bytes.</summary>
    public sealed class TapTransport : IHttpDownloadTransport
    {
        private readonly IHttpDownloadTransport inner;
        private readonly Queue<long> cuts = new Queue<long>();

        public TapTransport(IHttpDownloadTransport inner)
        {
            this.inner = inner;
        }

        public List<TapRecord> Records { get; } = new List<TapRecord>();

        /// <summary>Runs when a client-side cut fires (e.g. to take the network down with it).</summary>
        public Action OnCut { get; set; }

        /// <summary>The next responses (one each) fail with a TransportException after this many body bytes.</summary>
        public void CutNextResponsesAfter(params long[] bytes)
        {
            foreach (long b in bytes)
            {
                cuts.Enqueue(b);
            }
        }

        public IHttpDownloadResponse Get(HttpDownloadRequest request)
        {
            var record = new TapRecord { Url = request.Url, RangeFrom = request.RangeFrom, IfRange = request.IfRange };
            lock (Records)
            {
                Records.Add(record);
            }

            IHttpDownloadResponse response = inner.Get(request);
            record.Status = response.Status;
            return new TapResponse(this, response, record, cuts.Count > 0 ? cuts.Dequeue() : -1);
        }

        public sealed class TapRecord
        {
            public string Url;
            public long RangeFrom;
            public string IfRange;
            public int Status;
            public long Delivered;

            public override string ToString() => Url + " from " + RangeFrom + " if-range " + IfRange + " -> " + Status + ", " + Delivered + " bytes";
        }

        private sealed class TapResponse : IHttpDownloadResponse
        {
            private readonly TapTransport owner;
            private readonly IHttpDownloadResponse inner;
            private readonly TapRecord record;
            private readonly long cutAfter;

            public TapResponse(TapTransport owner, IHttpDownloadResponse inner, TapRecord record, long cutAfter)
            {
                this.owner = owner;
                this.inner = inner;
                this.record = record;
                this.cutAfter = cutAfter;
            }

            public int Status => inner.Status;

            public string GetHeader(string name) => inner.GetHeader(name);

            public int Read(byte[] buffer, int offset, int count)
            {
                if (cutAfter >= 0)
                {
                    if (record.Delivered >= cutAfter)
                    {
                        owner.OnCut?.Invoke();
                        throw new TransportException("simulated link loss");
                    }

                    count = (int)Math.Min(count, cutAfter - record.Delivered);
                }

                int n = inner.Read(buffer, offset, count);
                record.Delivered += Math.Max(0, n);
                return n;
            }

            public void Close() => inner.Close();
        }
    }
}
