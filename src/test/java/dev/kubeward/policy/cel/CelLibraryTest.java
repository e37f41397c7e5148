package dev.kubeward.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kubernetes CEL library functions, case by case from the examples in the doc comments of
 * k8s.io/apiserver/pkg/cel/library/{lists,regex,urls,quantity,ip,cidr,format,semverlib}.go and
 * the Kubernetes CEL reference (docs/reference/using-api/cel.md); the expected value is the JSON
 * of the result, or "error: " and a part of the message.
 */
class CelLibraryTest {
    static String eval(String expr) {
        try {
            CompiledExpression c = CelEnvironment.of(CelVersion.NEWEST).compile(expr, CelEnvironment.Declarations.NONE, List.of());
            CompiledExpression.Result r = c.evaluate(name -> Optional.empty(), CelEnvironment.PER_CALL_LIMIT);
            if (r.failed()) {
                return "error: " + r.error();
            }
            return CelValues.toJson(r.value()).toString();
        } catch (CelEnvironment.CelCompileException e) {
            return "compile: " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # lists.go
            [1, 2, 3].isSorted()                          | true
            ['a', 'b', 'b', 'c'].isSorted()               | true
            [2.0, 1.0].isSorted()                         | false
            [1].isSorted()                                | true
            [1, 3].sum()                                  | 4
            [1.0, 3.0].sum()                              | 4.0
            [1, 3].min()                                  | 1
            [1, 3].max()                                  | 3
            [1].min()                                     | 1
            [1, 2, 2, 3].indexOf(2)                       | 1
            ['a', 'b', 'b', 'c'].lastIndexOf('b')         | 2
            [1.0].indexOf(1.1)                            | -1
            # regex.go
            `"abc 123".find('[0-9]+')`                    | `"123"`
            `"abc 123".find('xyz')`                       | `""`
            `"123 abc 456".findAll('[0-9]+')`             | `["123","456"]`
            `"123 abc 456".findAll('[0-9]+', 1)`          | `["123"]`
            `"123 abc 456".findAll('xyz')`                | []
            `'abc'.find('[')`                             | `error: Illegal regex`
            # urls.go
            url('https://example.com/').getScheme()       | `"https"`
            url('/path').getScheme()                      | `""`
            url('https://example.com:80/').getHost()      | `"example.com:80"`
            url('https://example.com/').getHost()         | `"example.com"`
            url('https://[::1]:80/').getHost()            | `"[::1]:80"`
            url('https://[::1]/').getHost()               | `"[::1]"`
            url('/path').getHost()                        | `""`
            url('https://example.com:80/').getHostname()  | `"example.com"`
            url('https://127.0.0.1:80/').getHostname()    | `"127.0.0.1"`
            url('https://[::1]:80/').getHostname()        | `"::1"`
            url('https://example.com:80/').getPort()      | `"80"`
            url('https://example.com/').getPort()         | `""`
            url('https://example.com/path').getEscapedPath()               | `"/path"`
            url('https://example.com/path with spaces/').getEscapedPath()  | `"/path%20with%20spaces/"`
            url('https://example.com').getEscapedPath()                    | `""`
            url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()      | `{"k1":["a"],"k2":["b","c"]}`
            url('https://example.com/path?key with spaces=value with spaces').getQuery() | `{"key with spaces":["value with spaces"]}`
            url('https://example.com/path?').getQuery()   | {}
            url('https://example.com/path').getQuery()    | {}
            isURL('https://user:pass@example.com:80/path?query=val#fragment') | true
            isURL('/absolute-path')                       | true
            isURL('https://a:b:c/')                       | false
            isURL('../relative-path')                     | false
            url('https://a:b:c/')                         | `error: URL parse error during conversion from string: parse "https://a:b:c/": invalid port ":c" after host`
            url('../relative-path')                       | `error: URL parse error during conversion from string: parse "../relative-path": invalid URI for request`
            # quantity.go and quantity_test.go
            isQuantity('1.3G')                            | true
            isQuantity('1.3Gi')                           | true
            isQuantity('1,3G')                            | false
            isQuantity('10000k')                          | true
            isQuantity('200K')                            | false
            isQuantity('Three')                           | false
            quantity('10Mo')                              | `error: quantities must match the regular expression`
            quantity('10Mm')                              | `error: unable to parse quantity's suffix`
            quantity("200M") == quantity("0.2G")          | true
            quantity("2000k") == quantity("2M")           | true
            quantity("200M") == quantity("0.3G")          | false
            quantity("50M").isLessThan(quantity("50Mi"))  | true
            quantity("50Mi").isGreaterThan(quantity("50M")) | true
            quantity("200M").compareTo(quantity("0.2G"))  | 0
            quantity("50M").compareTo(quantity("50Mi"))   | -1
            quantity("50Mi").compareTo(quantity("50M"))   | 1
            quantity("50k").add(quantity("20")) == quantity("50.02k") | true
            quantity("50k").add(20).isLessThan(quantity("50020"))     | false
            quantity("50k").sub(quantity("20")) == quantity("49.98k") | true
            quantity("50k").sub(20) == quantity("49980")  | true
            quantity("50k").add(20).sub(quantity("100k")).asInteger() | -49980
            quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger() | 20
            quantity("50k").asInteger()                   | 50000
            quantity("9999999999999999999999999999999999999G").asInteger() | `error: cannot convert value to integer`
            quantity("9999999999999999999999999999999999999G").isInteger() | false
            quantity("50").isInteger()                    | true
            quantity("50.703k").asApproximateFloat()      | 50703.0
            quantity('1.5G')                              | `"1500M"`
            quantity('12Mi')                              | `"12Mi"`
            sign(quantity('-1'))                          | -1
            # ip.go
            isIP('127.0.0.1')                             | true
            isIP('::1')                                   | true
            isIP('127.0.0.256')                           | false
            isIP(':::1')                                  | false
            ip('127.0.0.256')                             | `error: IP Address "127.0.0.256" parse error during conversion from string: ParseAddr("127.0.0.256"): IPv4 field has value >255`
            ip('fe80::1%eth0')                            | `error: IP address "fe80::1%eth0" with zone value is not allowed`
            ip('::ffff:1.2.3.4')                          | `error: IPv4-mapped IPv6 address "::ffff:1.2.3.4" is not allowed`
            ip('127.00.0.1')                              | `error: IPv4 field has octet with leading zero`
            ip.isCanonical('127.0.0.1')                   | true
            ip.isCanonical('2001:db8::abcd')              | true
            ip.isCanonical('2001:DB8::ABCD')              | false
            ip.isCanonical('2001:db8::0:0:0:abcd')        | false
            ip('127.0.0.1').family()                      | 4
            ip('::1').family()                            | 6
            ip('0.0.0.0').isUnspecified()                 | true
            ip('::').isUnspecified()                      | true
            ip('127.0.0.1').isLoopback()                  | true
            ip('192.168.0.1').isLoopback()                | false
            ip('::1').isLoopback()                        | true
            ip('224.0.0.1').isLinkLocalMulticast()        | true
            ip('224.0.1.1').isLinkLocalMulticast()        | false
            ip('ff02::1').isLinkLocalMulticast()          | true
            ip('fd00::1').isLinkLocalMulticast()          | false
            ip('169.254.169.254').isLinkLocalUnicast()    | true
            ip('fe80::1').isLinkLocalUnicast()            | true
            ip('fd80::1').isLinkLocalUnicast()            | false
            ip('192.168.0.1').isGlobalUnicast()           | true
            ip('255.255.255.255').isGlobalUnicast()       | false
            ip('2001:db8::abcd').isGlobalUnicast()        | true
            ip('ff00::1').isGlobalUnicast()               | false
            string(ip('2001:db8:0:0:0:0:0:abcd'))         | `"2001:db8::abcd"`
            ip('127.0.0.1') == ip('127.0.0.1')            | true
            # cidr.go
            isCIDR('192.168.0.0/16')                      | true
            isCIDR('::1/128')                             | true
            isCIDR('192.168.0.0/33')                      | false
            cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))   | true
            cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))   | false
            cidr('192.168.0.0/24').containsIP('192.168.0.1')       | true
            cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25')) | true
            cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23')) | false
            cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')           | true
            cidr('192.168.0.0/24').ip() == ip('192.168.0.0')        | true
            cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24') | true
            cidr('192.168.0.0/16').prefixLength()         | 16
            cidr('::1/128').ip().family()                 | 6
            string(cidr('192.168.0.0/24'))                | `"192.168.0.0/24"`
            cidr('192.168.0.0')                           | `error: no '/'`
            # format.go
            format.dns1123Label().validate('my-label-name') | null
            format.dns1123Label().validate('Bad_Name').hasValue() | true
            format.named('dns1123Subdomain').hasValue()   | true
            format.named('nope').hasValue()               | false
            format.dns1123Subdomain().validate('apiextensions.k8s.io') | null
            format.qualifiedName().validate('apiextensions.k8s.io/v1beta1') | null
            format.dns1123LabelPrefix().validate('my-label-prefix-') | null
            format.uri().validate('http://example.com')   | null
            format.uuid().validate('123e4567-e89b-12d3-a456-426614174000') | null
            format.byte().validate('aGVsbG8=')            | null
            format.date().validate('2021-01-01')          | null
            format.datetime().validate('2021-01-01T00:00:00Z') | null
            format.uuid().validate('nope')                | `["does not match the UUID format"]`
            format.dns1123Label().validate('-a')          | `["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]`
            # semverlib.go
            isSemver('1.0.0')                             | true
            isSemver('hello')                             | false
            isSemver('v1.0')                              | false
            isSemver('v1.0', true)                        | true
            semver('v1.0.0', true) == semver('1.0.0')     | true
            semver('1.0', true) == semver('1.0.0')        | true
            semver('01.01.01', true) == semver('1.1.1')   | true
            semver("1.2.3").major()                       | 1
            semver("1.2.3").compareTo(semver("1.2.3"))    | 0
            semver("1.2.3").compareTo(semver("2.0.0"))    | -1
            semver("1.2.3").compareTo(semver("0.1.2"))    | 1
            semver('1.0.0-alpha').isLessThan(semver('1.0.0')) | true
            semver('Three')                               | `error: No Major.Minor.Patch elements found`
            # cel-go strings extension (version 2)
            'hello'.upperAscii()                          | `"HELLO"`
            'a,b'.split(',')                              | `["a","b"]`
            ['a', 'b'].join('-')                          | `"a-b"`
            strings.quote('a"b')                          | `"\\"a\\\\\\"b\\""`
            'hello %s, you have %d items'.format(['world', 5]) | `"hello world, you have 5 items"`
            '%.2f'.format([3.14159])                      | `"3.14"`
            # sets and two-variable comprehensions
            sets.contains([1, 2, 3], [2])                 | true
            sets.intersects([1], [2])                     | false
            [1, 2].all(i, v, v > i)                       | true
            {'a': 1}.transformMap(k, v, v + 1)            | `{"a":2}`
            lists.range(3)                                | `[0,1,2]`
            # homogeneous literals and validators
            [1, 'a']                                      | `compile: compilation failed:`
            'a'.matches('[')                              | `compile: compilation failed:`
            """)
    void libraryFunction(String expr, String expected) {
        String got = eval(expr);
        if (expected.startsWith("error: ") || expected.startsWith("compile: ")) {
            assertThat(got).startsWith(expected.substring(0, expected.indexOf(' ') + 1)).contains(expected.substring(expected.indexOf(' ') + 1));
        } else {
            assertThat(got).isEqualTo(expected);
        }
    }
}
