#!/usr/bin/env bash
# The webhook's serving certificate without cert-manager: a CA and a certificate for the
# kubeward-webhook Service, made with openssl, stored as the kubernetes.io/tls Secret the chart
# mounts (kubeward-webhook-tls), and the CA printed as the caBundle to install the chart with:
#
#   deploy/gen-certs.sh [NAMESPACE] [DAYS]        # default: kubeward, 365
#   helm install kubeward deploy/chart/kubeward --set webhook.certificate.mode=secret \
#       --set webhook.certificate.caBundle="$(cat kubeward-webhook-certs/ca.b64)"
#
# The files go to ./kubeward-webhook-certs (the CA key included: keep it, or delete it once the
# certificate is made and make a new CA at renewal). With kubectl on the PATH and KUBEWARD_APPLY=1,
# the Secret is created or replaced in NAMESPACE (which must exist). kubeward serve reloads a
# renewed certificate without a restart; rerun this before DAYS pass, and reinstall with the new
# caBundle if the CA changed.
set -euo pipefail

ns="${1:-kubeward}"
days="${2:-365}"
service=kubeward-webhook
out=kubeward-webhook-certs

case "$ns" in
  ''|*[!a-z0-9-]*|-*|*-) echo "gen-certs.sh: '$ns' is not a namespace name (lowercase letters, digits and '-')" >&2; exit 2 ;;
esac
case "$days" in
  ''|*[!0-9]*) echo "gen-certs.sh: '$days' is not a number of days" >&2; exit 2 ;;
esac
command -v openssl >/dev/null || { echo "gen-certs.sh: openssl is not on the PATH" >&2; exit 2; }

mkdir -p "$out"
umask 077
openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -days "$((days * 2))" \
  -subj "/CN=kubeward-webhook-ca" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 \
  -subj "/CN=$service.$ns.svc" -keyout "$out/tls.key" -out "$out/tls.csr" 2>/dev/null
cat > "$out/ext.cnf" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:$service.$ns.svc,DNS:$service.$ns.svc.cluster.local
EXT
openssl x509 -req -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -days "$days" -sha256 -extfile "$out/ext.cnf" -out "$out/tls.crt" 2>/dev/null
rm -f "$out/tls.csr" "$out/ext.cnf" "$out/ca.srl"
openssl verify -CAfile "$out/ca.crt" "$out/tls.crt" >/dev/null
base64 < "$out/ca.crt" | tr -d '\n' > "$out/ca.b64"

if [ "${KUBEWARD_APPLY:-0}" = 1 ]; then
  kubectl -n "$ns" create secret tls "$service-tls" --cert "$out/tls.crt" --key "$out/tls.key" \
    --dry-run=client -o yaml | kubectl apply -f -
fi
echo "$out/tls.crt and $out/tls.key for Secret $ns/$service-tls; caBundle in $out/ca.b64" >&2
