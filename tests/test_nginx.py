"""The server configuration in deploy/nginx, run for real: Debian's nginx on loopback
ports, with only the lines marked "# SỬA" changed, a throwaway account and a throwaway
self-signed certificate. What a reader (or an intruder) gets back, header by header,
and Chromium through it: no content-policy violation on any page type.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from chibo.output import policy
from conftest import ROOT, require
from test_browser_pages import PAGE_TYPES

DEPLOY = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ACCOUNTS = {"vanphong": "thu-nghiem-Chi-bo-2025", "thuongvu": "mat-khau-khac-2026"}
SECRET = "đây là bí mật không được lộ"


@dataclass(frozen=True)
class Nginx:
    https: int
    http: int
    site: Path
    published: frozenset[str]  # the site's own files, before the test put private ones beside them
    certificate: Path

    def request(
        self,
        path: str,
        *,
        account: str | None = "vanphong",
        password: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        context = ssl.create_default_context(cafile=str(self.certificate))
        connection = http.client.HTTPSConnection("127.0.0.1", self.https, context=context, timeout=10)
        sent = dict(headers or {})
        if account:
            token = f"{account}:{password or ACCOUNTS[account]}".encode()
            sent["Authorization"] = "Basic " + base64.b64encode(token).decode()
        try:
            connection.request("GET", path, headers=sent)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def localize(conf: str, values: dict[str, str]) -> str:
    """The shipped chibo.conf with the value of every "# SỬA" line replaced, and nothing else."""
    used, lines = set(), []
    for line in conf.splitlines():
        if "# SỬA" in line and not line.lstrip().startswith("#"):
            directive, rest = line.split(None, 1)
            key = "listen ssl" if directive == "listen" and " ssl" in rest.split("#")[0] else directive
            line = f"{line[: len(line) - len(line.lstrip())]}{directive} {values[key]};"
            used.add(key)
        lines.append(line)
    assert used == set(values), "the '# SỬA' lines are exactly what a server needs set"
    return "\n".join(lines) + "\n"


MAIN = """{user}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/sites/chibo.conf;
}}
"""


def accounts_file(path: Path) -> None:
    """One account made with htpasswd (bcrypt), one with openssl (apr1): the README's two ways."""
    first, second = ACCOUNTS.items()
    subprocess.run(["htpasswd", "-B", "-b", "-c", str(path), *first], check=True, capture_output=True)
    apr1 = subprocess.run(
        ["openssl", "passwd", "-apr1", "-stdin"], input=second[1], text=True, check=True, capture_output=True
    ).stdout.strip()
    with path.open("a", encoding="ascii") as file:
        file.write(f"{second[0]}:{apr1}\n")


def certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "chibo.crt", folder / "chibo.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def plant_private_files(site: Path, project: Path) -> None:
    """What must never be served, put where a careless copy could put it."""
    for name in (".git/config", "records/dang-bo.yml", "mkdocs.yml", "hooks/chibo_hooks.py", ".htpasswd"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(SECRET, encoding="utf-8")
    (project / "bi-mat.txt").write_text(SECRET, encoding="utf-8")
    (site / "ra-ngoai").symlink_to(project)


@pytest.fixture(scope="module")
def nginx(sample_server, tmp_path_factory: pytest.TempPathFactory):
    require(Path(NGINX).exists(), "nginx is not installed (Debian package 'nginx')")
    require(shutil.which("htpasswd") is not None, "htpasswd is not installed (Debian package 'apache2-utils')")
    tmp = tmp_path_factory.mktemp("nginx")
    site = tmp / "www" / "site"
    shutil.copytree(sample_server.root, site)
    published = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    plant_private_files(site, tmp / "www")
    cert, key = certificate(tmp)
    accounts_file(tmp / "chibo.htpasswd")
    shutil.copytree(DEPLOY / "snippets", tmp / "snippets")
    (tmp / "sites").mkdir()
    ports = {"https": free_port(), "http": free_port()}
    (tmp / "sites" / "chibo.conf").write_text(
        localize(
            (DEPLOY / "chibo.conf").read_text(encoding="utf-8"),
            {
                "listen": f"127.0.0.1:{ports['http']}",
                "listen ssl": f"127.0.0.1:{ports['https']} ssl",
                "server_name": "localhost",
                "ssl_certificate": str(cert),
                "ssl_certificate_key": str(key),
                "auth_basic_user_file": str(tmp / "chibo.htpasswd"),
                "root": str(site),
            },
        ),
        encoding="utf-8",
    )
    user = "user root root;" if os.geteuid() == 0 else ""  # workers must read the pytest folders
    (tmp / "nginx.conf").write_text(MAIN.format(user=user, tmp=tmp), encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", ports["https"]), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, server.stderr and server.stderr.read()
            time.sleep(0.05)
    yield Nginx(ports["https"], ports["http"], site, published, cert)
    server.terminate()
    server.wait(timeout=10)


# --- the login ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/chi-bo/",
        "/du-lieu/chi-bo.json",
        "/khong-co-trang-nay/",
        "/.git/config",
        "/assets/javascripts/bundle.a5f9d56c.min.js",
    ],
)
def test_nothing_without_the_login(nginx: Nginx, path: str) -> None:
    for account, password in ((None, None), ("vanphong", "sai-mat-khau"), ("ai-do", "thu-nghiem-Chi-bo-2025")):
        status, headers, body = nginx.request(path, account=account, password=password)
        assert status == 401, (account, password)
        assert headers["WWW-Authenticate"] == 'Basic realm="Chi bo kieu mau - noi bo"'
        assert headers["Content-Security-Policy"] == policy.header()
        assert SECRET.encode() not in body and b"chi-bo" not in body


@pytest.mark.parametrize("account", ACCOUNTS)
def test_both_kinds_of_account_log_in(nginx: Nginx, account: str) -> None:
    status, _, body = nginx.request("/", account=account)
    assert status == 200 and "Tài liệu lưu hành nội bộ" in body.decode("utf-8")


def test_every_page_and_download_is_served_with_the_login(nginx: Nginx) -> None:
    assert len(nginx.published) > 100
    for name in sorted(nginx.published - {"404.html"}):
        status, headers, body = nginx.request("/" + name)
        assert (status, body) == (200, (nginx.site / name).read_bytes()), name
    for url in PAGE_TYPES.values():
        if url.endswith("/") or not url:
            status, headers, body = nginx.request("/" + url)
            assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", url


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("du-lieu/chi-bo.json", "application/json; charset=utf-8"),
        ("du-lieu/chi-bo.csv", "text/csv; charset=utf-8"),
        ("du-lieu/lich.ics", "text/calendar; charset=utf-8"),
        ("du-lieu/thay-doi.xml", "text/xml; charset=utf-8"),
        ("mau/ket-qua-2026.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("assets/chibo.css", "text/css; charset=utf-8"),
        ("assets/chibo-list.js", "application/javascript; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
    ],
)
def test_downloads_have_their_type(nginx: Nginx, name: str, content_type: str) -> None:
    status, headers, _ = nginx.request("/" + name)
    assert (status, headers["Content-Type"]) == (200, content_type)


# --- the headers --------------------------------------------------------------------------


SECURITY_HEADERS = {
    "Content-Security-Policy": policy.header(),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


@pytest.mark.parametrize(
    "path, status",
    [("/", 200), ("/chi-bo/khoa-duoc/", 200), ("/du-lieu/chi-bo.csv", 200), ("/khong-co-trang-nay/", 404)],
)
def test_security_headers_on_every_answer(nginx: Nginx, path: str, status: int) -> None:
    got, headers, _ = nginx.request(path)
    assert got == status
    assert {name: headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert (headers["Cache-Control"] == "private, no-cache" and headers["ETag"]) or status == 404
    assert headers["Server"] == "nginx"  # no version


def test_fingerprinted_assets_are_kept_a_year_and_the_rest_revalidated(nginx: Nginx) -> None:
    fingerprinted = sorted(
        n
        for n in nginx.published
        if n.startswith("assets/")
        and ("bundle." in n or "/main." in n or "chibo-inline." in n or "workers/search." in n)
        and not n.endswith(".map")
    )
    assert len(fingerprinted) >= 5
    for name in fingerprinted:
        assert nginx.request("/" + name)[1]["Cache-Control"] == "private, max-age=31536000, immutable", name
    for name in (
        "assets/chibo.css",
        "assets/chibo-list.js",
        "search/search_index.json",
        "assets/javascripts/lunr/min/lunr.vi.min.js",
        "index.html",
    ):
        assert nginx.request("/" + name)[1]["Cache-Control"] == "private, no-cache", name


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/chibo.css",
        "search/search_index.json",
        "du-lieu/chi-bo.csv",
    ],
)
def test_text_is_compressed(nginx: Nginx, name: str) -> None:
    status, headers, body = nginx.request("/" + name, headers={"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == (nginx.site / name).read_bytes()


# --- what is not served -------------------------------------------------------------------


def test_a_missing_page_gets_the_site_404_page(nginx: Nginx) -> None:
    for path in ("/khong-co-trang-nay/", "/chi-bo/khong-co/", "/404.html"):
        status, _, body = nginx.request(path)
        text = body.decode("utf-8")
        assert status == 404 and "Tài liệu lưu hành nội bộ" in text and "/assets/javascripts/bundle." in text


@pytest.mark.parametrize("path", ["/assets/", "/assets/javascripts/", "/du-lieu/schema/", "/search/"])
def test_no_folder_listing(nginx: Nginx, path: str) -> None:
    status, _, body = nginx.request(path)
    assert status == 404 and b"Index of" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/.git/config",
        "/.git/",
        "/.htpasswd",
        "/records/dang-bo.yml",
        "/records/",
        "/mkdocs.yml",
        "/hooks/chibo_hooks.py",
        "/ra-ngoai/bi-mat.txt",
        "/ra-ngoai/site/index.html",
        "/../bi-mat.txt",
        "/%2e%2e/bi-mat.txt",
        "/..%2fbi-mat.txt",
        "/chi-bo/../../bi-mat.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/.site.lock",
    ],
)
def test_private_files_and_files_outside_the_site_are_never_served(nginx: Nginx, path: str) -> None:
    status, _, body = nginx.request(path)
    assert status in (400, 404) and SECRET.encode() not in body and b"root:" not in body


def test_http_sends_to_https(nginx: Nginx) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http, timeout=10)
    connection.request("GET", "/chi-bo/?loai=sinh-vien")
    response = connection.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/chi-bo/?loai=sinh-vien"
    connection.close()


def test_tls_is_modern(nginx: Nginx) -> None:
    context = ssl.create_default_context(cafile=str(nginx.certificate))
    with (
        socket.create_connection(("127.0.0.1", nginx.https)) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    old = ssl.create_default_context(cafile=str(nginx.certificate))
    old.maximum_version = ssl.TLSVersion.TLSv1_2
    old.set_ciphers("AES128-SHA:AES256-SHA")  # no forward secrecy: refused
    with socket.create_connection(("127.0.0.1", nginx.https)) as raw, pytest.raises(ssl.SSLError):
        old.wrap_socket(raw, server_hostname="localhost")


# --- Chromium through nginx ------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_chromium_through_nginx_sees_no_policy_violation(nginx: Nginx, visit, name: str) -> None:
    url = PAGE_TYPES[name] if name != "404" else "khong-co-trang-nay/"
    seen = visit(
        f"https://localhost:{nginx.https}/{url}",
        ignore_https_errors=True,
        http_credentials={"username": "vanphong", "password": ACCOUNTS["vanphong"]},
    )
    seen.page.wait_for_load_state("networkidle")
    assert seen.page.locator(".chibo-internal").inner_text() == "Tài liệu lưu hành nội bộ"
    if name == "danh-sach-chi-bo":
        seen.page.select_option("select[name=loai]", "sinh-vien")
        assert seen.page.locator(".chibo-filter output").text_content() == "4/24 chi bộ"
    if name == "tong-quan":
        seen.page.click(".md-search__input")
        seen.page.fill(".md-search__input", "khoa duoc")
        seen.page.keyboard.press("End")
        seen.page.wait_for_selector(".md-search-result__item")
    missing = ["khong-co-trang-nay/"] if name == "404" else []
    assert [u.split(str(nginx.https), 1)[1][1:] for u in seen.missing] == missing
    assert seen.violations == [] and [e for e in seen.errors if "404" not in e or not missing] == []
    assert seen.outside == []
