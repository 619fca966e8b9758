using NanoOmaDm.Hal;

namespace NanoOmaDm.Tests.Download
{
    /// <summary>A transport that answers from a script, for server behaviour no real server shows on demand (bodies
    /// without a length, reads that return 0 early, odd headers).</summary>
    public sealed class ScriptedTransport : IHttpDownloadTransport
    {
        private readonly Queue<Func<HttpDownloadRequest, Answer>> script = new Queue<Func<HttpDownloadRequest, Answer>>();

        public List<HttpDownloadRequest> Requests { get; } = new List<HttpDownloadRequest>();

        public void Then(Func<HttpDownloadRequest, Answer> answer) => script.Enqueue(answer);

        public void Then(Answer answer) => script.Enqueue(_ => answer);

        public IHttpDownloadResponse Get(HttpDownloadRequest request)
        {
            // The client reuses its request object: keep a copy.
            Requests.Add(new HttpDownloadRequest { Url = request.Url, RangeFrom = request.RangeFrom, IfRange = request.IfRange, TimeoutMs = request.TimeoutMs, ReadTimeoutMs = request.ReadTimeoutMs });
            if (script.Count == 0)
            {
                throw new TransportException("script exhausted");
            }

            return script.Dequeue()(request).Open();
        }

        public sealed class Answer
        {
            private readonly Dictionary<string, string> headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

            public int Status { get; init; } = 200;

            public byte[] Body { get; init; } = Array.Empty<byte>();

            /// <summary>Read returns 0 (end) after this many bytes; -1: after the whole body.</summary>
            public int EndAfter { get; init; } = -1;

            /// <summary>Read throws after this many bytes; -1: never.</summary>
            public int ThrowAfter { get; init; } = -1;

            /// <summary>Exception for <see cref="ThrowAfter"/> (default: a TransportException).</summary>
            public Exception Throw { get; init; }

            public Answer Header(string name, string value)
            {
                headers[name] = value;
                return this;
            }

            internal IHttpDownloadResponse Open() => new Response(this);

            private sealed class Response : IHttpDownloadResponse
            {
                private readonly Answer answer;
                private int position;

                public Response(Answer answer)
                {
                    this.answer = answer;
                }

                public int Status => answer.Status;

                public string GetHeader(string name) => answer.headers.TryGetValue(name, out string v) ? v : null;

                public int Read(byte[] buffer, int offset, int count)
                {
                    if (answer.ThrowAfter >= 0 && position >= answer.ThrowAfter)
                    {
                        throw answer.Throw ?? new TransportException("scripted reset");
                    }

                    int end = answer.EndAfter >= 0 ? answer.EndAfter : answer.Body.Length;
                    if (answer.ThrowAfter >= 0)
                    {
                        end = Math.Min(end, answer.ThrowAfter);
                    }

                    int n = Math.Min(count, end - position);
                    if (n <= 0)
                    {
                        return 0;
                    }

                    Array.Copy(answer.Body, position, buffer, offset, n);
                    position += n;
                    return n;
                }

                public void Close()
                {
                }
            }
        }
    }
}
