using System;
using System.IO;
using System.Net;
using System.Threading;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>A download response read straight from HttpWebResponse's network stream into the caller's array.
    /// The stream's Read may return 0 while data is still coming: with a known Content-Length, Read retries until
    /// the request's ReadTimeoutMs, then reports 0 (the client resumes).</summary>
    public sealed class WebRequestDownloadResponse : IHttpDownloadResponse
    {
        private readonly HttpWebRequest _request;
        private HttpWebResponse _response;
        private Stream _stream;
        private readonly long _contentLength;
        private readonly int _readTimeoutMs;
        private long _received;

        public WebRequestDownloadResponse(HttpWebRequest request, HttpWebResponse response, int readTimeoutMs)
        {
            _request = request;
            _response = response;
            _readTimeoutMs = readTimeoutMs;
            _contentLength = response.ContentLength;
            Status = (int)response.StatusCode;
        }

        public int Status { get; private set; }

        public string GetHeader(string name)
        {
            HttpWebResponse response = _response;
            if (response == null)
            {
                return null;
            }

            string value = response.GetResponseHeader(name);
            return value == null || value.Length == 0 ? null : value;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            if (_response == null)
            {
                return 0;
            }

            if (_contentLength >= 0 && _received >= _contentLength)
            {
                return 0;
            }

            try
            {
                if (_stream == null)
                {
                    _stream = _response.GetResponseStream();
                }

                long deadline = Environment.TickCount64 + _readTimeoutMs;
                while (true)
                {
                    int n = _stream.Read(buffer, offset, count);
                    if (n > 0)
                    {
                        _received += n;
                        return n;
                    }

                    if (_contentLength < 0)
                    {
                        return 0;
                    }

                    if (Environment.TickCount64 > deadline)
                    {
                        throw new TransportException("no body byte within " + _readTimeoutMs + " ms");
                    }

                    Thread.Sleep(10);
                }
            }
            catch (TransportException)
            {
                throw;
            }
            catch (Exception e)
            {
                throw new TransportException(HttpHeaderHelper.Describe(e), e);
            }
        }

        public void Close()
        {
            Stream stream = _stream;
            HttpWebResponse response = _response;
            _stream = null;
            _response = null;
            try
            {
                if (stream != null)
                {
                    stream.Close();
                }
            }
            catch (Exception)
            {
            }

            try
            {
                if (response != null)
                {
                    response.Close();
                }

                _request.Dispose();
            }
            catch (Exception)
            {
            }
        }
    }
}
