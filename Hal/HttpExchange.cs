using System.Collections;

namespace NanoOmaDm.Hal
{
    /// <summary>One HTTP POST of a DM message and its response. The agent keeps one instance per session and
    /// reuses its response buffer, so a session allocates no per-message body arrays.</summary>
    public sealed class HttpExchange
    {
        private readonly ArrayList _requestHeaderNames = new ArrayList();
        private readonly ArrayList _requestHeaderValues = new ArrayList();
        private readonly Hashtable _responseHeaders = new Hashtable();

        public HttpExchange(int responseCapacity)
        {
            ResponseBuffer = new byte[responseCapacity];
            TimeoutMs = 30000;
        }

        public string Url;
        public string ContentType;
        public byte[] Body;
        public int BodyLength;
        public int TimeoutMs;

        public int ResponseStatus;
        public string ResponseContentType;
        /// <summary>Filled by the transport; never grown: a longer body sets <see cref="ResponseTruncated"/>.</summary>
        public readonly byte[] ResponseBuffer;
        public int ResponseLength;
        public bool ResponseTruncated;

        public int RequestHeaderCount
        {
            get { return _requestHeaderNames.Count; }
        }

        public string RequestHeaderName(int index)
        {
            return (string)_requestHeaderNames[index];
        }

        public string RequestHeaderValue(int index)
        {
            return (string)_requestHeaderValues[index];
        }

        public void AddRequestHeader(string name, string value)
        {
            _requestHeaderNames.Add(name);
            _requestHeaderValues.Add(value);
        }

        /// <summary>Called by the transport for each response header it can read (names are case-insensitive).</summary>
        public void SetResponseHeader(string name, string value)
        {
            _responseHeaders[name.ToLower()] = value;
        }

        /// <summary>Null when the response had no such header.</summary>
        public string GetResponseHeader(string name)
        {
            return (string)_responseHeaders[name.ToLower()];
        }

        /// <summary>Clears request headers and the previous response before the next message.</summary>
        public void Reset()
        {
            _requestHeaderNames.Clear();
            _requestHeaderValues.Clear();
            _responseHeaders.Clear();
            Body = null;
            BodyLength = 0;
            ResponseStatus = 0;
            ResponseContentType = null;
            ResponseLength = 0;
            ResponseTruncated = false;
        }
    }
}
