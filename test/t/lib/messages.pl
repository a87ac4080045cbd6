#!/usr/bin/perl
# test/t/lib/messages.pl SRC...: the DETAIL/HINT formats of xdjy's C files
# against the catalogue src/messages_zh.c (see src/messages.c).  Prints TAP
# lines for test/t/016_messages.sh: formats with no Chinese entry (named
# with file and line, for whoever adds an error site), entries whose
# conversions differ from their English, entries no call site uses.
use strict;
use warnings;

sub unescape { my $s = shift; return $s }
sub literals { my $l = shift; return join '', ($l =~ /"((?:[^"\\]|\\.)*)"/g) }

# the conversions of a format, positions and flags dropped, sorted
sub convs
{
	my $f = shift;
	my @c;
	while ($f =~ /%(?:(\d+)\$)?[-+ #0']*(\*|\d+)?(?:\.(\*|\d+))?((?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspm%])/g)
	{
		next if $4 eq '%';
		push @c, [$1 // 0, $4];
	}
	# by position when the format numbers them: all of them, 1 to n
	my $numbered = grep { $_->[0] } @c;
	if ($numbered)
	{
		return 'MIXED positional and sequential conversions' if $numbered != @c;
		@c = sort { $a->[0] <=> $b->[0] } @c;
		for my $i (0 .. $#c) { return 'GAP in positions' if $c[$i][0] != $i + 1; }
	}
	return join ' ', map { $_->[1] } @c;
}

local $/;
my (%fmt, %where);
for my $f (@ARGV)
{
	next if $f =~ m{src/messages(_zh)?\.c$};
	open my $in, '<', $f or die "$f: $!";
	my $t = <$in>;
	close $in;
	(my $code = $t) =~ s{/\*.*?\*/}{ my $c = $&; $c =~ s/[^\n]//g; $c }gse;
	# INT64_FORMAT (and INT64_MODIFIER "d") count as %lld: a 64-bit integer
	$code =~ s/"\s*INT64_FORMAT\s*"/%lld/g;
	while ($code =~ /\b(?:err(?:detail|hint)|XDJY_N_)\s*\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)/g)
	{
		my $s = literals($1);
		my $line = 1 + (() = substr($code, 0, $-[0]) =~ /\n/g);
		$fmt{$s} = 1;
		push @{$where{$s}}, "$f:$line";
	}
	while ($code =~ /\berr(?:detail|hint)\s*\(\s*(?!")([^,)]*)/g)
	{
		my $line = 1 + (() = substr($code, 0, $-[0]) =~ /\n/g);
		print "# not a literal format at $f:$line: $1\n";
		$fmt{"NONLITERAL $f:$line"} = 1;
	}
}

open my $in, '<', 'src/messages_zh.c' or die;
my $cat = <$in>;
$cat =~ s/"\s*INT64_FORMAT\s*"/%lld/g;
$cat =~ s/"\s*INT64_MODIFIER\s*"d/lld/g;
close $in;
my %zh;
my $dups = '';
while ($cat =~ /\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\}/g)
{
	my ($en, $z) = (literals($1), literals($2));
	$dups .= "# twice in the catalogue: \"$en\"\n" if exists $zh{$en};
	$zh{$en} = $z;
}

my ($missing, $differ, $unused, $latin) = ('', '', '', '');
for my $s (sort keys %fmt)
{
	if (!exists $zh{$s}) { $missing .= "# no Chinese for \"$s\" (" . join(', ', @{$where{$s} // []}) . ")\n"; next; }
	$differ .= "# conversions differ: \"$s\" [" . convs($s) . "] vs \"$zh{$s}\" [" . convs($zh{$s}) . "]\n"
		if convs($s) ne convs($zh{$s});
	$latin .= "# not Chinese: \"$zh{$s}\"\n"
		if $s =~ /[A-Za-z]{3}/ && $zh{$s} !~ /[\x{e4}-\x{e9}][\x80-\xbf]{2}/;
}
for my $s (sort keys %zh) { $unused .= "# no call site: \"$s\"\n" unless $fmt{$s}; }

my $n = keys %fmt;
print "1..5\n";
print $n > 100 ? "ok 1 - $n DETAIL/HINT formats found in src\n" : "not ok 1 - only $n formats found\n";
print $missing eq '' ? "ok 2 - every format has a Chinese entry\n" : "not ok 2 - formats without a Chinese entry\n$missing";
print $differ eq '' ? "ok 3 - every Chinese entry has its English format's conversions\n" : "not ok 3 - conversions differ\n$differ";
print $latin eq '' && $dups eq '' ? "ok 4 - every entry is Chinese, none twice\n" : "not ok 4 - entries not in Chinese or twice\n$latin$dups";
print $unused eq '' ? "ok 5 - every catalogue entry has a call site\n" : "not ok 5 - entries no call site uses\n$unused";
