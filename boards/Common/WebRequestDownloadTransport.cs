using System;
using System.Net;
using NanoOmaDm.Hal;

namespace NanoOmaDm.Boards.Common
{
    /// <summary>Range-capable GET on HttpWebRequest (HttpClient can neither send Range nor read response headers).
    /// AddRange takes an int, so a resume is possible only below 2 GiB: a larger RangeFrom is a TransportException.
    /// Redirects are never followed (the client does that).</summary>
    public sealed class WebRequestDownloadTransport : IHttpDownloadTransport
    {
        private readonly string _userAgent;

        public WebRequestDownloadTransport(string userAgent)
        {
            _userAgent = userAgent;
        }

        public IHttpDownloadResponse Get(HttpDownloadRequest download)
        {
            if (download.RangeFrom > int.MaxValue)
            {
                throw new TransportException("cannot resume beyond 2 GiB: HttpWebRequest.AddRange takes an int");
            }

            HttpWebRequest request;
            try
            {
                request = (HttpWebRequest)WebRequest.Create(download.Url);
            }
            catch (Exception e)
            {
                throw new TransportException("invalid URL '" + download.Url + "': " + e.Message, e);
            }

            HttpWebResponse response = null;
            try
            {
                request.Method = "GET";
                request.KeepAlive = false;
                request.Timeout = download.TimeoutMs;
                request.ReadWriteTimeout = download.ReadTimeoutMs;
                request.UserAgent = _userAgent;
                if (download.RangeFrom >= 0)
                {
                    // AddRange(int) sends "Range: bytes=from-".
                    request.AddRange((int)download.RangeFrom);
                    if (download.IfRange != null)
                    {
                        request.Headers.Add("If-Range", download.IfRange);
                    }
                }

                try
                {
                    response = (HttpWebResponse)request.GetResponse();
                }
                catch (WebException e)
                {
                    response = HttpHeaderHelper.ResponseOf(e);
                    if (response == null)
                    {
                        throw;
                    }
                }

                return new WebRequestDownloadResponse(request, response, download.ReadTimeoutMs);
            }
            catch (Exception e)
            {
                if (response != null)
                {
                    response.Close();
                }

                request.Dispose();
                throw new TransportException(HttpHeaderHelper.Describe(e), e);
            }
        }
    }
}
