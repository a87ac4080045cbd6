#!/usr/bin/perl
# test/t/lib/meta_json.pl META.json CONTROL MAKEFILE: checks a PGXN
# META.json against the required keys and value types of the PGXN Meta
# Spec 1.0.0 (https://pgxn.org/meta/spec.txt) and against the extension it
# describes; prints TAP (run by test/t/950_meta_json.sh).  Core Perl only
# (JSON::PP), so the check runs on any machine make test runs on.
use strict;
use warnings;
use JSON::PP;

my ($file, $control, $makefile) = @ARGV;
my @results;
sub check { my ($ok, $what, @diag) = @_; push @results, [$ok ? 1 : 0, $what, @diag]; }

sub slurp { my $f = shift; open my $fh, '<:raw', $f or return undef; local $/; my $t = <$fh>; close $fh; return $t; }

# SemVer 1.0.0, as the spec requires (major.minor.patch, an optional
# pre-release tag of letters and digits)
my $semver = qr/^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+)?$/;
# a "term": at least two characters, no slash, backslash, control
# character or whitespace
sub is_term { my $t = shift; return defined $t && !ref $t && length $t >= 2 && $t !~ m{[/\\\s\p{Cc}]}; }
# a version in prereqs: 0 (any version) or a SemVer, optionally behind an
# operator, comma-joined into a range
sub is_version_range {
	my $v = shift;
	return 0 if !defined $v || ref $v;
	return 1 if "$v" eq '0';
	for my $part (split /\s*,\s*/, $v) {
		$part =~ s/^(?:==|!=|>=|<=|>|<)\s*//;
		return 0 unless $part =~ $semver;
	}
	return 1;
}
my %licenses = map { $_ => 1 } qw(agpl_3 apache_1_1 apache_2_0 artistic_1 artistic_2 bsd freebsd
	gfdl_1_2 gfdl_1_3 gpl_1 gpl_2 gpl_3 lgpl_2_1 lgpl_3_0 mit mozilla_1_0 mozilla_1_1 openssl perl_5
	postgresql qpl_1_0 ssleay sun zlib open_source restricted unrestricted unknown);
my %known = map { $_ => 1 } qw(name abstract version maintainer license provides meta-spec
	description generated_by tags no_index prereqs release_status resources);

my $text = slurp($file);
my $meta = eval { JSON::PP->new->utf8->decode($text // '') };
check(ref $meta eq 'HASH', "$file is a JSON object", $@ ? "$@" : ());
$meta = {} unless ref $meta eq 'HASH';

my @required = qw(name abstract version maintainer license provides meta-spec);
my @missing = grep { !exists $meta->{$_} } @required;
check(!@missing, "the keys the spec requires are present: @required", map { "missing: $_" } @missing);
my @unknown = grep { !$known{$_} && !/^[xX]_/ } sort keys %$meta;
check(!@unknown, 'no key the spec does not define (custom keys start with x_)', map { "unknown: $_" } @unknown);

check(is_term($meta->{name}), "name is a term ($meta->{name})");
check(defined $meta->{abstract} && !ref $meta->{abstract} && length $meta->{abstract}, 'abstract is a non-empty string');
check(defined $meta->{version} && !ref $meta->{version} && ($meta->{version} =~ $semver ? 1 : 0), "version is a SemVer (" . ($meta->{version} // 'none') . ")");

my $m = $meta->{maintainer};
check((defined $m && !ref $m && length $m) || (ref $m eq 'ARRAY' && @$m && !grep { ref $_ || !length $_ } @$m),
	'maintainer is a string or a list of strings');

my $l = $meta->{license};
check((defined $l && !ref $l && $licenses{$l})
	|| (ref $l eq 'ARRAY' && @$l && !grep { ref $_ || !$licenses{$_} } @$l)
	|| (ref $l eq 'HASH' && %$l && !grep { ref $_ } values %$l),
	'license is one of the spec\'s strings, a list of them, or an object of name => URL');
check((slurp('LICENSE') // '') =~ /^PostgreSQL License/ && (!ref $l && ($l // '') eq 'postgresql'),
	'license is "postgresql", the PostgreSQL License that LICENSE holds');

my $ms = $meta->{'meta-spec'};
check(ref $ms eq 'HASH' && ($ms->{version} // '') eq '1.0.0', 'meta-spec names version 1.0.0');

my $p = $meta->{provides};
my @bad;
if (ref $p eq 'HASH' && %$p) {
	for my $ext (sort keys %$p) {
		my $e = $p->{$ext};
		push @bad, "$ext: not an object" and next unless ref $e eq 'HASH';
		push @bad, "$ext: file missing or not in the tree" unless defined $e->{file} && !ref $e->{file} && -f $e->{file};
		push @bad, "$ext: version not a SemVer" unless defined $e->{version} && $e->{version} =~ $semver;
		push @bad, "$ext: docfile not in the tree" if exists $e->{docfile} && !-f $e->{docfile};
		push @bad, "$ext: abstract not a string" if exists $e->{abstract} && (ref $e->{abstract} || !length $e->{abstract});
	}
} else {
	push @bad, 'provides is not a non-empty object';
}
check(!@bad, 'provides: each extension with a file in the tree and a SemVer version', @bad);

# the extension itself: name, version and prerequisites as xdjy.control and
# the Makefile say
my $ctl = slurp($control) // '';
my ($default) = $ctl =~ /^\s*default_version\s*=\s*'([^']*)'/m;
my ($requires) = $ctl =~ /^\s*requires\s*=\s*'([^']*)'/m;
my ($extname) = (slurp($makefile) // '') =~ /^EXTENSION\s*=\s*(\S+)/m;
# an extension version "1.1" is the SemVer "1.1.0"
my $want = defined $default ? join('.', (split(/\./, $default), 0, 0)[0 .. 2]) : 'none';
check(($meta->{version} // '') eq $want, "version $want is default_version '" . ($default // '?') . "' of $control");
check(ref $p eq 'HASH' && defined $extname && ref $p->{$extname} eq 'HASH' && ($p->{$extname}{version} // '') eq $want,
	"provides names extension " . ($extname // '?') . " at version $want");

my $rt = ref $meta->{prereqs} eq 'HASH' && ref $meta->{prereqs}{runtime} eq 'HASH' ? $meta->{prereqs}{runtime}{requires} : undef;
my $pg = ref $rt eq 'HASH' ? $rt->{PostgreSQL} : undef;
check(is_version_range($pg) && ("$pg" =~ /^(?:>=\s*)?15\./ ? 1 : 0), 'prereqs: runtime requires PostgreSQL 15');
my @needs = grep { length } split /\s*,\s*/, ($requires // '');
my @absent = grep { !(ref $rt eq 'HASH' && exists $rt->{$_} && is_version_range($rt->{$_})) } @needs;
check(@needs && !@absent, "prereqs: runtime requires what $control requires (@needs)", map { "missing: $_" } @absent);
@bad = ();
if (exists $meta->{prereqs}) {
	my %phases = map { $_ => 1 } qw(configure build test runtime develop);
	my %rels = map { $_ => 1 } qw(requires recommends suggests conflicts);
	for my $ph (sort keys %{ $meta->{prereqs} }) {
		push @bad, "phase $ph" and next unless $phases{$ph} && ref $meta->{prereqs}{$ph} eq 'HASH';
		for my $rel (sort keys %{ $meta->{prereqs}{$ph} }) {
			my $r = $meta->{prereqs}{$ph}{$rel};
			push @bad, "$ph.$rel" and next unless $rels{$rel} && ref $r eq 'HASH';
			push @bad, map { "$ph.$rel.$_" } grep { !is_term($_) || !is_version_range($r->{$_}) } sort keys %$r;
		}
	}
}
check(!@bad, 'prereqs: phases, relationships and version ranges as the spec defines them', map { "bad: $_" } @bad);

my $tags = $meta->{tags};
check(!exists $meta->{tags} || (ref $tags eq 'ARRAY' && @$tags
		&& !grep { ref $_ || !length $_ || length $_ > 255 || m{[/\\\p{Cc}]} } @$tags),
	'tags is a list of strings of 1 to 255 characters without slashes');
check(!exists $meta->{release_status} || ($meta->{release_status} =~ /^(?:stable|testing|unstable)$/ ? 1 : 0),
	'release_status is stable, testing or unstable');

print "1.." . scalar(@results) . "\n";
my $n = 0;
for my $r (@results) {
	my ($ok, $what, @diag) = @$r;
	$n++;
	print(($ok ? 'ok' : 'not ok') . " $n - $what\n");
	print "# $_\n" for ($ok ? () : @diag);
}
