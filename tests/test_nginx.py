"""The server configuration in deploy/nginx, run for real: Debian's nginx on loopback
ports (IPv4 and IPv6), with only the lines marked "# SỬA" changed, throwaway accounts made the
README's way and a throwaway self-signed certificate. What a reader, a member, the office or
an intruder gets back, header by header; the limit on guessing; Chromium through it: no
content-policy violation on any page type.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import os
import re
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
# README: office accounts in the office's file (htpasswd -B -C 12), their line copied to the
# shared file; members' accounts in the shared file only; "thuongvu" made with openssl
# (the README's way without htpasswd), quick to check: the tests that fetch every file use it.
ACCOUNTS = {"vanphong": "thu-nghiem-Chi-bo-2025", "thanhvien": "mot-dang-vien-2026", "thuongvu": "mat-khau-khac-2026"}
OFFICE = ("vanphong", "thuongvu")
SECRET = "đây là bí mật không được lộ"
SHARED_REALM = 'Basic realm="Chi bo kieu mau - noi bo"'
OFFICE_REALM = 'Basic realm="Chi bo kieu mau - Van phong Dang uy"'
OFFICE_PATTERN = '"~^/van-phong(?:/|$)"'
IPV6 = socket.has_ipv6


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class Nginx:
    https: int
    http: int
    site: Path
    published: frozenset[str]  # the site's own files, before the test put private ones beside them
    certificate: Path
    folder: Path
    ipv6: bool

    def request(
        self,
        path: str,
        *,
        account: str | None = "thuongvu",
        password: str | None = None,
        headers: dict[str, str] | None = None,
        host: str = "127.0.0.1",
        source: str | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        context = ssl.create_default_context(cafile=str(self.certificate))
        context.check_hostname = False
        connection = http.client.HTTPSConnection(
            host, self.https, context=context, timeout=30, source_address=(source, 0) if source else None
        )
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

    def log(self) -> str:
        return (self.folder / "error.log").read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _key(line: str) -> str:
    """Which "# SỬA" line this is: its directive, or its key in a map; "listen" lines by
    protocol and address family."""
    first, rest = line.split(None, 1)
    if first != "listen":
        return first
    value = rest.split("#")[0]
    return "listen" + (" [::]" if value.lstrip().startswith("[") else "") + (" ssl" if " ssl" in value else "")


def localize(conf: str, values: dict[str, str]) -> str:
    """The shipped chibo.conf with the value of every "# SỬA" line replaced, and nothing else."""
    used, lines = set(), []
    for line in conf.splitlines():
        if "# SỬA" in line and not line.lstrip().startswith("#"):
            key = _key(line.strip())
            first = line.split(None, 1)[0]
            line = f"{line[: len(line) - len(line.lstrip())]}{first} {values[key]};"
            used.add(key)
        lines.append(line)
    assert used == set(values), f"the '# SỬA' lines are exactly what a server needs set: {used ^ set(values)}"
    return "\n".join(lines) + "\n"


def shipped(key: str) -> str:
    """The shipped value of a "# SỬA" line (the limits on guessing)."""
    for line in (DEPLOY / "chibo.conf").read_text(encoding="utf-8").splitlines():
        if "# SỬA" in line and not line.lstrip().startswith("#") and _key(line.strip()) == key:
            return line.strip().split(None, 1)[1].split(";")[0]
    raise KeyError(key)


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


def accounts_files(shared: Path, office: Path) -> None:
    """The README's way: office accounts in the office's file, their lines copied to the shared
    file; members' accounts in the shared file; one account made with openssl instead."""
    run = lambda *args: subprocess.run(args, check=True, capture_output=True)  # noqa: E731
    run("htpasswd", "-B", "-C", "12", "-b", "-c", str(office), "vanphong", ACCOUNTS["vanphong"])
    apr1 = subprocess.run(
        ["openssl", "passwd", "-apr1", "-stdin"], input=ACCOUNTS["thuongvu"], text=True, check=True, capture_output=True
    ).stdout.strip()
    with office.open("a", encoding="ascii") as file:
        file.write(f"thuongvu:{apr1}\n")
    run("htpasswd", "-B", "-C", "12", "-b", "-c", str(shared), "thanhvien", ACCOUNTS["thanhvien"])
    with shared.open("a", encoding="ascii") as file:
        file.writelines(line + "\n" for line in office.read_text(encoding="ascii").splitlines())


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
            "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
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


def start(tmp: Path, site: Path, *, limits: dict[str, str] | None = None):
    """nginx with the shipped configuration, the "# SỬA" lines set for this machine; the
    limits on guessing as shipped unless ``limits`` says otherwise."""
    cert, key = certificate(tmp)
    accounts_files(tmp / "chibo.htpasswd", tmp / "chibo-van-phong.htpasswd")
    shutil.copytree(DEPLOY / "snippets", tmp / "snippets")
    (tmp / "sites").mkdir()
    ports = {"https": free_port(), "http": free_port()}
    ipv6 = IPV6 and ipv6_loopback()
    values = {
        "listen": f"127.0.0.1:{ports['http']}",
        "listen [::]": f"[::1]:{ports['http']}" if ipv6 else f"127.0.0.2:{ports['http']}",
        "listen ssl": f"127.0.0.1:{ports['https']} ssl",
        "listen [::] ssl": f"[::1]:{ports['https']} ssl" if ipv6 else f"127.0.0.2:{ports['https']} ssl",
        "server_name": "localhost",
        "ssl_certificate": str(cert),
        "ssl_certificate_key": str(key),
        "root": str(site),
        OFFICE_PATTERN: str(tmp / "chibo-van-phong.htpasswd"),
        "default": str(tmp / "chibo.htpasswd"),
        "limit_req_zone": shipped("limit_req_zone"),
        "limit_req": shipped("limit_req"),
        **(limits or {}),
    }
    (tmp / "sites" / "chibo.conf").write_text(
        localize((DEPLOY / "chibo.conf").read_text(encoding="utf-8"), values), encoding="utf-8"
    )
    user = "user root root;" if os.geteuid() == 0 else ""  # workers must read the pytest folders
    (tmp / "nginx.conf").write_text(MAIN.format(user=user, tmp=tmp), encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", ports["https"]), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, server.stderr and server.stderr.read()
            time.sleep(0.05)
    published = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return server, Nginx(ports["https"], ports["http"], site, published, cert, tmp, ipv6)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx(sample_server, tmp_path_factory: pytest.TempPathFactory):
    """The sample site behind the configuration; the limits raised (a "# SỬA" line) so the
    tests may fetch every file: the shipped limits have their own server below."""
    require(Path(NGINX).exists(), "nginx is not installed (Debian package 'nginx')")
    require(shutil.which("htpasswd") is not None, "htpasswd is not installed (Debian package 'apache2-utils')")
    tmp = tmp_path_factory.mktemp("nginx")
    site = tmp / "www" / "site"
    shutil.copytree(sample_server.root, site)
    published = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    plant_private_files(site, tmp / "www")
    limits = {
        "limit_req_zone": "$binary_remote_addr zone=chibo:10m rate=6000r/m",
        "limit_req": "zone=chibo burst=5000 nodelay",
    }
    server, running = start(tmp, site, limits=limits)
    yield Nginx(running.https, running.http, site, published, running.certificate, tmp, running.ipv6)
    stop(server)


# --- the login, two audiences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, realm",
    [
        ("/", SHARED_REALM),
        ("/chi-bo/", SHARED_REALM),
        ("/du-lieu/chi-bo.json", SHARED_REALM),
        ("/khong-co-trang-nay/", SHARED_REALM),
        ("/.git/config", SHARED_REALM),
        ("/assets/javascripts/bundle.a5f9d56c.min.js", SHARED_REALM),
        ("/van-phong/", OFFICE_REALM),
        ("/van-phong/du-lieu/ket-qua.csv", OFFICE_REALM),
        ("/chi-bo/khoa-duoc/dang-ky-2022.docx", SHARED_REALM),
    ],
)
def test_nothing_without_the_login(nginx: Nginx, path: str, realm: str) -> None:
    for account, password in ((None, None), ("vanphong", "sai-mat-khau"), ("ai-do", "thu-nghiem-Chi-bo-2025")):
        status, headers, body = nginx.request(path, account=account, password=password)
        assert status == 401, (account, password)
        assert headers["WWW-Authenticate"] == realm
        assert headers["Content-Security-Policy"] == policy.header()
        assert SECRET.encode() not in body and b"chi-bo" not in body


@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_account_reads_the_members_side(nginx: Nginx, account: str) -> None:
    status, _, body = nginx.request("/", account=account)
    assert status == 200 and "Tài liệu lưu hành nội bộ" in body.decode("utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "/van-phong/",
        "/van-phong",
        "/van-phong/index.html",
        "/van-phong/chi-bo/khoa-noi-tong-hop/",
        "/van-phong/du-lieu/ket-qua.csv",
        "/van-phong/du-lieu/ket-qua.xlsx",
        "/van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx",
        "/%76an-phong/",
        "/chi-bo/../van-phong/du-lieu/ket-qua.csv",
        "//van-phong/du-lieu/ket-qua.csv",
        "/van-phong/../van-phong/",
    ],
)
def test_a_member_account_gets_401_in_the_office_area_and_the_office_reads_it(nginx: Nginx, path: str) -> None:
    status, headers, body = nginx.request(path, account="thanhvien")
    assert status == 401 and headers["WWW-Authenticate"] == OFFICE_REALM, path
    assert b"Khoa N" not in body and b"ket-qua" not in body
    for account in OFFICE:
        status, _, body = nginx.request(path, account=account)
        assert status in (200, 301), (account, path)
    assert (
        nginx.request("/van-phong/du-lieu/ket-qua.csv", account="vanphong")[2]
        == (nginx.site / "van-phong/du-lieu/ket-qua.csv").read_bytes()
    )


def test_a_former_document_address_sends_to_the_office_area_after_the_login(nginx: Nginx) -> None:
    page = nginx.request("/chi-bo/khoa-duoc/dang-ky/", account="thanhvien")
    assert (
        page[0] == 200
        and b'http-equiv="refresh" content="0; url=../../../van-phong/chi-bo/khoa-duoc/bon-tot-2026-2030/dang-ky/"'
        in page[2]
    )
    for old in (
        "/chi-bo/khoa-duoc/dang-ky-2022.docx",
        "/ket-qua/2022/lua-chon-2022.docx",
        "/ket-qua/tong-ket-2022-2025.docx",
    ):
        status, headers, _ = nginx.request(old, account="thanhvien")
        assert (status, headers["Location"]) == (301, "/van-phong" + old), old
        assert nginx.request(old, account=None)[0] == 401  # no login: nothing, not even where it went
        status, _, body = nginx.request("/van-phong" + old, account="vanphong")
        assert status == 200 and body == (nginx.site / ("van-phong" + old)).read_bytes()
    assert nginx.request("/chi-bo/khoa-duoc/dang-ky-1999.docx", account="thanhvien")[0] == 301  # then 404 there


def test_every_page_and_download_is_served_with_the_login(nginx: Nginx) -> None:
    assert len(nginx.published) > 100
    for name in sorted(nginx.published - {"404.html"}):
        status, headers, body = nginx.request("/" + name)
        assert (status, body) == (200, (nginx.site / name).read_bytes()), name
    for url in PAGE_TYPES.values():
        if url.endswith("/") or not url:
            status, headers, body = nginx.request("/" + url)
            assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", url


def test_ipv6_is_served_like_ipv4(nginx: Nginx) -> None:
    require(nginx.ipv6, "no IPv6 loopback (::1) on this machine")
    status, headers, _body = nginx.request("/chi-bo/", host="::1")
    assert status == 200 and headers["Content-Security-Policy"] == policy.header()
    assert nginx.request("/van-phong/", host="::1", account="thanhvien")[0] == 401
    connection = http.client.HTTPConnection("::1", nginx.http, timeout=10)
    connection.request("GET", "/", headers={"Host": "localhost"})
    assert connection.getresponse().status == 301
    connection.close()


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("du-lieu/chi-bo.json", "application/json; charset=utf-8"),
        ("du-lieu/chi-bo.csv", "text/csv; charset=utf-8"),
        ("du-lieu/lich.ics", "text/calendar; charset=utf-8"),
        ("du-lieu/thay-doi.xml", "text/xml; charset=utf-8"),
        ("mau/ket-qua-2026.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("van-phong/du-lieu/ket-qua.csv", "text/csv; charset=utf-8"),
        (
            "van-phong/chi-bo/khoa-duoc/dang-ky-2022.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
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


def assert_headers_once(headers: http.client.HTTPMessage) -> None:
    """Every security header, each exactly once, and no other header twice."""
    assert {name: headers.get_all(name) for name in SECURITY_HEADERS} == {k: [v] for k, v in SECURITY_HEADERS.items()}
    names = [name.lower() for name in headers]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize(
    "path, status, extra",
    [
        ("/", 200, {}),
        ("/chi-bo/khoa-duoc/", 200, {}),
        ("/du-lieu/chi-bo.csv", 200, {}),
        ("/van-phong/", 200, {}),
        ("/khong-co-trang-nay/", 404, {}),
        ("/chi-bo/khoa-duoc/dang-ky-2022.docx", 301, {}),
        ("/du-lieu/chi-bo.csv", 200, {"Range": "bytes=999999-"}),  # no byte ranges: the whole file, headers once
        ("/du-lieu/chi-bo.csv", 200, {"Range": "bytes=0-9,20-29"}),
    ],
)
def test_security_headers_on_every_answer_and_none_twice(nginx: Nginx, path: str, status: int, extra: dict) -> None:
    got, headers, body = nginx.request(path, account="vanphong", headers=extra)
    assert got == status
    assert_headers_once(headers)
    assert (headers["Cache-Control"] == "private, no-cache" and headers["ETag"]) or status != 200
    assert headers["Server"] == "nginx"  # no version
    if extra:
        assert body == (nginx.site / path[1:]).read_bytes()


def test_headers_on_the_login_refusal_the_http_redirect_and_a_304(nginx: Nginx) -> None:
    assert_headers_once(nginx.request("/", account=None)[1])
    _, first, _ = nginx.request("/chi-bo/")
    status, again, _ = nginx.request("/chi-bo/", headers={"If-None-Match": first["ETag"]})
    assert status == 304
    assert_headers_once(again)
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http, timeout=10)
    connection.request("GET", "/chi-bo/?loai=sinh-vien")
    response = connection.getresponse()
    assert response.status == 301
    assert_headers_once(response.headers)
    connection.close()


def test_hashed_files_are_kept_a_year_and_the_rest_revalidated(nginx: Nginx) -> None:
    fingerprinted = sorted(
        n
        for n in nginx.published
        if n.startswith("assets/")
        and ("bundle." in n or "/main." in n or "chibo-inline." in n or "workers/search." in n or "/chibo" in n)
        and not n.endswith(".map")
    )
    ours = [n for n in fingerprinted if re.fullmatch(r"assets/chibo(?:-list|-query)?\.[0-9a-f]{12}\.(?:css|js)", n)]
    assert len(ours) == 3, ours  # our style sheet and scripts: hashed names, like Material's
    assert len(fingerprinted) >= 8
    for name in fingerprinted:
        assert nginx.request("/" + name)[1]["Cache-Control"] == "private, max-age=31536000, immutable", name
    for name in (
        "search/search_index.json",
        "assets/javascripts/lunr/min/lunr.vi.min.js",
        "index.html",
        "du-lieu/chi-bo.csv",
    ):
        assert nginx.request("/" + name)[1]["Cache-Control"] == "private, no-cache", name


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "assets/javascripts/bundle.a5f9d56c.min.js",
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
    for path in ("/khong-co-trang-nay/", "/chi-bo/khong-co/", "/404.html", "/van-phong/khong-co/"):
        status, _, body = nginx.request(path)
        text = body.decode("utf-8")
        assert status == 404 and "Tài liệu lưu hành nội bộ" in text and "/assets/javascripts/bundle." in text


@pytest.mark.parametrize(
    "path", ["/assets/", "/assets/javascripts/", "/du-lieu/schema/", "/search/", "/van-phong/chi-bo/"]
)
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
    assert response.headers["Location"] == "https://127.0.0.1/chi-bo/?loai=sinh-vien"  # by address: ours too
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


def test_failed_logins_are_logged(nginx: Nginx) -> None:
    nginx.request("/chi-bo/", account="vanphong", password="doan-bua", source="127.0.0.3")
    nginx.request("/chi-bo/", account="khong-ai", password="doan-bua", source="127.0.0.3")
    nginx.request("/van-phong/", account="thanhvien", source="127.0.0.3")
    time.sleep(0.2)
    log = nginx.log()
    assert re.search(r'user "vanphong": password mismatch, client: 127\.0\.0\.3', log)
    assert re.search(r'user "khong-ai" was not found in "[^"]*chibo\.htpasswd", client: 127\.0\.0\.3', log)
    assert re.search(r'user "thanhvien" was not found in "[^"]*chibo-van-phong\.htpasswd", client: 127\.0\.0\.3', log)


# --- guessing, with the shipped limits ---------------------------------------------------------------


@pytest.fixture(scope="module")
def limited(sample_server, tmp_path_factory: pytest.TempPathFactory):
    require(Path(NGINX).exists(), "nginx is not installed (Debian package 'nginx')")
    require(shutil.which("htpasswd") is not None, "htpasswd is not installed (Debian package 'apache2-utils')")
    tmp = tmp_path_factory.mktemp("limited")
    site = tmp / "www" / "site"
    shutil.copytree(sample_server.root, site)
    server, running = start(tmp, site)
    yield running
    stop(server)


def test_guessing_is_slowed_to_a_trickle(limited: Nginx) -> None:
    """Guesses as fast as one address can send them (names that do not exist: the quickest
    answer): a burst goes through, then one a second; the right password waits its turn."""
    burst = int(re.search(r"burst=(\d+)", shipped("limit_req")).group(1))
    per_minute = int(re.search(r"rate=(\d+)r/m", shipped("limit_req_zone")).group(1))
    started = time.monotonic()
    answers = [
        limited.request("/", account=f"ai-{n}", password="doan", source="127.0.0.4")[0] for n in range(burst + 60)
    ]
    elapsed = time.monotonic() - started
    assert set(answers) == {401, 429}
    assert burst <= answers.count(401) <= burst + 1 + per_minute * elapsed / 60, (answers.count(401), elapsed)
    refused = limited.request("/", account="vanphong", source="127.0.0.4")
    assert refused[0] == 429 and refused[1]["Content-Security-Policy"] == policy.header()  # even the right password
    assert b"chi-bo" not in refused[2]
    assert limited.request("/", account="vanphong", source="127.0.0.5")[0] == 200  # another address is not held up
    assert "limiting requests" in limited.log()


def test_a_member_browsing_is_never_held_up(limited: Nginx, visit) -> None:
    """A first visit and a quick walk through every page type, searching on the way, in one
    browser that caches nothing (Chromium caches no file of a site whose certificate it does
    not trust: an office that clicked through the warning): about 15 requests a page."""
    require(limited.ipv6, "no IPv6 loopback (::1): the browser needs an address of its own here")
    seen = visit(
        f"https://[::1]:{limited.https}/",
        ignore_https_errors=True,
        http_credentials={"username": "vanphong", "password": ACCOUNTS["vanphong"]},
    )
    statuses: list[int] = []
    seen.page.on("response", lambda r: statuses.append(r.status))
    seen.page.wait_for_load_state("networkidle")
    for url in [*[u for u in PAGE_TYPES.values() if u != "404.html"], "chi-bo/khoa-duoc/", "ket-qua/2024/"]:
        seen.page.goto(f"https://[::1]:{limited.https}/{url}")
        seen.page.wait_for_load_state("networkidle")
    seen.page.click(".md-search__input")
    seen.page.fill(".md-search__input", "khoa duoc")
    seen.page.keyboard.press("End")
    seen.page.wait_for_selector(".md-search-result__item")
    assert 429 not in statuses and len(statuses) > 20, statuses


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
