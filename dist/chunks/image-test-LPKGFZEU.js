import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as ke,f as Oe}from"./chunk-KMKX7RLF.js";import{a as ve,b as Ee}from"./chunk-IWM6DES4.js";import"./chunk-K4FQCSBG.js";import{a as b,c as M,f as Y,i as D,m as Ae,p as Re}from"./chunk-5ZPKF3XJ.js";import{a as _e,c as q}from"./chunk-VPT7XYCL.js";import"./chunk-GVWEP4DT.js";import{a as Le}from"./chunk-CHDQHEFL.js";import{a as je}from"./chunk-2UFR5U6L.js";import"./chunk-EV74ERDM.js";import{C as Se,J as Te,L as F,M as O,N as E,O as _,u as Ce}from"./chunk-JJEHIFU3.js";import{b as Pe}from"./chunk-QGEB2M5N.js";import{c as j,d as N}from"./chunk-NWCFM3IK.js";import"./chunk-FKZBTM6M.js";import{a as oe}from"./chunk-OGFM22KO.js";import{B as Ie,b as P,c as he,e as ge,g as se,j as ie}from"./chunk-WHMXVMCL.js";import{b as we}from"./chunk-AAY3UDGA.js";import{c as U,d as H,g as L,h as K,i as X}from"./chunk-EIXVPCHJ.js";import{c as v,e as W,f as S,g as V,h as C,o as w,r as xe}from"./chunk-7M363SVM.js";import{b as $e,c as ye,e as be}from"./chunk-VZPYWDO7.js";import"./chunk-EOJFG3UG.js";import"./chunk-SJYYJIUL.js";import"./chunk-KACEDX5G.js";import"./chunk-4F7ADDFU.js";import"./chunk-PK2HIIY3.js";import"./chunk-OYC6TFGM.js";import"./chunk-4SPFCYOS.js";import{a as r}from"./chunk-MZGHBXLJ.js";import{join as bn}from"node:path";var Z=class extends O(E,_,"DescribeSubnets",Ce){static{r(this,"DescribeSubnetsCommand")}};var J=class extends O(E,_,"GetImageAncestry",Se){static{r(this,"GetImageAncestryCommand")}};var Q=class extends O(E,_,"RunInstances",Te){static{r(this,"RunInstancesCommand")}};var Et=new Set(["InvalidAction","UnsupportedOperation","InvalidRequest"]);async function _t(e,t){try{return(await D(e).send(new J({ImageId:t}))).ImageAncestryEntries??[]}catch(n){if(Et.has($e(n)??""))return;throw n}}r(_t,"readAncestry");function jt(e,t){return e.map((n,s)=>{let i=s===0?t:e[s-1].SourceImageRegion??t,d=n.ImageOwnerAlias?`, ${xe(n.ImageOwnerAlias)}`:"";return`${n.ImageId} (${i}${d}, created ${n.CreationDate?.toISOString()??"?"})`})}r(jt,"ancestryLines");var Me=r(e=>`${Math.floor(e/86400)} days`,"days");async function Fe(e,t){let n=t%86400===0?`${t/86400}d`:w(t),s=await _t(e.region,e.imageId),i=s?jt(s,e.region):[],d=s&&s.length>1?s.at(-1):void 0,c=e.tags[b.baseAmi]??d?.ImageId,o={suite:"image",name:"base-image-age",description:`The AMI's base is not deprecated and at most ${n} old (max-base-age)`,severity:"error",passed:!1,seconds:0,stdout:i.length?`ancestry: ${i.join(" <- ")}`:"",stderr:"",truncated:!1};if(!c)return o.message=`Cannot tell the base of ${e.imageId}: it has no ${b.baseAmi} tag and its AMI ancestry names no source AMI${s?"":" (GetImageAncestry is not offered here)"}. Bake it with mode: bake, or leave max-base-age out.`,{result:o,ancestry:i};let l=s?.findIndex($=>$.ImageId===c)??-1,p=e.tags[b.baseRegion]??(s&&l>0?s[l-1].SourceImageRegion:void 0)??e.region,h=(await D(p).send(new Y({ImageIds:[c],IncludeDeprecated:!0})).catch($=>{if(ye($))return{Images:[]};throw $})).Images?.[0],u=j(),g=h?.CreationDate??(l>=0?s?.[l].CreationDate?.toISOString():void 0),y=g?(u.getTime()-Date.parse(g))/1e3:void 0,x="Bake again from a newer base (mode: bake resolves it afresh).";return h?.DeprecationTime&&Date.parse(h.DeprecationTime)<=u.getTime()?o.message=`The base ${c} of ${e.imageId} is deprecated (since ${h.DeprecationTime}). ${x}`:h?y!==void 0&&y>t?o.message=`The base ${c} of ${e.imageId} is ${Me(y)} old (created ${g}), older than max-base-age ${n}. ${x}`:(o.passed=!0,o.stdout=[`base ${c} (${p}) created ${g??"?"}, ${y===void 0?"age unknown":Me(y)} old`,o.stdout].filter(Boolean).join("; ")):o.message=`The base ${c} of ${e.imageId} no longer exists in ${p} (or this account may not see it). ${x}`,{result:o,base:c,ancestry:i}}r(Fe,"checkBaseAge");var ae=r((e,t)=>e&&t?Math.max(0,(t.getTime()-e.getTime())/1e3):void 0,"seconds");function Ne(e,t,n){return{launchToRunning:ae(e,t),runningToOnline:ae(t,n),total:ae(e,n)}}r(Ne,"bootTiming");function Lt(e){for(let t=0;t<e.length-1;t++){if(!/[-_./ ]/.test(e[t]))continue;let n=e.slice(t+1);if(t>0&&/^v?\d[\d.:_+/ TZ-]*$/.test(n))return e.slice(0,t+1)}}r(Lt,"namePrefix");var re=r(e=>{let t=Number(e[b.bootSeconds]);return e[b.bootSeconds]!==void 0&&Number.isFinite(t)&&t>0?t:void 0},"bootSecondsOf");async function De(e,t,n){let s=[];if(n){let o=(await Oe(e,n))?.value?.trim();if(!o)s.push(`ssm-parameter ${n} does not exist in ${e} yet`);else if(o===t.imageId)s.push(`ssm-parameter ${n} already names ${o}`);else{let{Images:l}=await D(e).send(new Y({ImageIds:[o]})),p=l?.[0],m=Object.fromEntries((p?.Tags??[]).map(u=>[u.Key??"",u.Value??""])),h=re(m);if(p&&h!==void 0)return{amiId:o,name:p.Name??"",seconds:h,source:`ssm-parameter ${n}`};s.push(p?`${o} (ssm-parameter ${n}) has no ${b.bootSeconds} tag: it was not tested by this mode since it records boot times`:`${o} (ssm-parameter ${n}) is not visible in ${e}`)}}let i=Lt(t.name);if(!i)return s.push(`the name "${t.name}" has no version or date part to find earlier AMIs of the same name by (give ssm-parameter)`),{missing:s.join("; ")};let d=t.creationDate?Date.parse(t.creationDate):Number.POSITIVE_INFINITY,c=(await Re(e,[{Name:"name",Values:[`${i}*`]},{Name:`tag:${b.test}`,Values:["passed"]}])).filter(o=>o.imageId!==t.imageId&&re(o.tags)!==void 0).filter(o=>!o.creationDate||Date.parse(o.creationDate)<d).sort((o,l)=>Date.parse(l.creationDate??"")-Date.parse(o.creationDate??""))[0];return c?{amiId:c.imageId,name:c.name,seconds:re(c.tags),source:`name prefix "${i}"`}:(s.push(`no earlier AMI of this account named "${i}*" passed a test with a ${b.bootSeconds} tag`),{missing:s.join("; ")})}r(De,"bootBaseline");function Ge(e,t,n){if(!n.length)return;let s=n.reduce((m,h)=>h.seconds>m.seconds?h:m),i=Math.round(s.seconds),d="percent"in e?t.seconds*(1+e.percent/100):t.seconds+e.seconds,a=i<=d,c=i-t.seconds,o=Math.round(c/t.seconds*100),l=c===0?`as fast as the ${t.seconds}s`:`${Math.abs(c)}s (${Math.abs(o)}%) ${c>0?"slower":"faster"} than the ${t.seconds}s`,p=`boot-time-gate ${e.text}: ${s.instanceType} reached SSM Online ${i}s after launch, ${l} of ${t.amiId}${t.name?` (${t.name})`:""}, the baseline by ${t.source}; at most ${Math.round(d*10)/10}s allowed${a?"":`, over by ${Math.round((i-d)*10)/10}s`}.`;return{passed:a,slowest:{instanceType:s.instanceType,seconds:i},allowedSeconds:d,message:p}}r(Ge,"judgeBoot");var Mt={Linux:{x86_64:"t3.micro",arm64:"t4g.micro"},Windows:{x86_64:"t3.medium",arm64:"t4g.medium"}};function ze(e){if(!(e.architecture==="x86_64"||e.architecture==="arm64"))return`AMI ${e.imageId} is ${e.architecture}; mode test launches x86_64 and arm64 images only.`}r(ze,"unsupportedArchitecture");function Be(e){return Mt[e.platform][e.architecture==="arm64"?"arm64":"x86_64"]}r(Be,"defaultInstanceType");var Ft=[{name:"imds-v2-required",severity:"warning",description:"Instances launched from the AMI require IMDSv2 (ImdsSupport v2.0)",passes:r(e=>e.imdsSupport==="v2.0","passes"),fix:'register the image with ImdsSupport v2.0 (Packer: imds_support = "v2.0")'},{name:"ena-support",severity:"warning",description:"Enhanced networking (ENA) is enabled",passes:r(e=>e.enaSupport===!0,"passes"),fix:"enable ENA on the build instance before imaging (Packer: ena_support = true)"},{name:"root-volume-encrypted",severity:"warning",description:"The root volume snapshot is encrypted",passes:r(e=>e.rootEncrypted===!0,"passes"),fix:"encrypt the root volume when baking, or copy the AMI with Encrypted and a KMS key"},{name:"not-public",severity:"error",description:"The AMI is not shared publicly",passes:r(e=>!e.public,"passes"),fix:'remove the launch permission for group "all"'},{name:"hvm",severity:"error",description:"Hardware virtual machine (HVM) virtualization",passes:r(e=>e.virtualizationType==="hvm","passes"),fix:"rebuild from an HVM source AMI (paravirtual is retired)"}];function We(e){return Ft.map(t=>{let n=t.passes(e);return{suite:"compliance",profile:"baseline",name:t.name,description:t.description,severity:t.severity,passed:n,seconds:0,stdout:"",stderr:"",truncated:!1,message:n?void 0:`${t.description}: not so for ${e.imageId}. Fix: ${t.fix}.`}})}r(We,"imageChecks");async function Nt(e){let{Subnets:t}=await N(F,e).send(new Z({Filters:[{Name:"default-for-az",Values:["true"]}]})),n=[...t??[]].sort((s,i)=>(s.AvailabilityZone??"").localeCompare(i.AvailabilityZone??""))[0];if(!n?.SubnetId)throw new Error(`${e} has no default VPC (no default subnet), so there is nowhere to launch: set subnet-id to a subnet that reaches the SSM endpoints.`);return n.SubnetId}r(Nt,"defaultSubnet");function Dt(e){if(e)return e.startsWith("arn:")?{Arn:e}:{Name:e}}r(Dt,"profileReference");async function Ve(e,t){let n=Ee(t.context,["test",e.region,e.amiId,process.env.GITHUB_ACTION??"",...e.tokenPart?[e.tokenPart]:[]]),s=t.record({kind:"terminate-instances",region:e.region,clientToken:n,instanceIds:[]}),i=e.subnetId??await Nt(e.region),d={Name:`ami-action test ${e.amiId}`,[b.runId]:we(t.context),[b.purpose]:"test"},{Instances:a}=await N(F,e.region).send(new Q({ClientToken:n,ImageId:e.amiId,InstanceType:e.instanceType,MinCount:1,MaxCount:1,IamInstanceProfile:Dt(e.instanceProfile),MetadataOptions:{HttpTokens:"required",HttpEndpoint:"enabled",HttpPutResponseHopLimit:2},NetworkInterfaces:[{DeviceIndex:0,SubnetId:i,Groups:e.securityGroupIds.length?e.securityGroupIds:void 0,AssociatePublicIpAddress:e.associatePublicIp,DeleteOnTermination:!0}],InstanceInitiatedShutdownBehavior:"terminate",TagSpecifications:[{ResourceType:"instance",Tags:M(d)},{ResourceType:"volume",Tags:M(d)}]})),c=a?.[0];if(!c?.InstanceId)throw new Error("RunInstances returned no instance.");s.update({instanceIds:[c.InstanceId]});let o=c.State?.Name;if(o==="shutting-down"||o==="terminated")throw new Error(`This attempt already launched ${c.InstanceId} (same client token) and it is ${o}; re-run the job to start a new attempt.`);return{instance:c,undo:s}}r(Ve,"launchInstance");function Ue(e,t,n){return Pe({what:`${t} to be running`,deadline:n.deadline,pollIntervalSeconds:n.pollIntervalSeconds,check:r(async()=>{let s=await _e(e,t,"poll"),i=s?.State?.Name??"not visible yet";if(i==="running")return{done:!0,value:s};if(i==="shutting-down"||i==="terminated"||i==="stopped"){let d=s?.StateReason?.Message??s?.StateTransitionReason??"";throw new Error(`${t} is ${i} before it ever ran${d?`: ${d}`:""}.`)}return{done:!1,status:i}},"check")})}r(Ue,"waitUntilRunning");function T(e){return!e.passed&&e.severity==="error"}r(T,"isFailure");function ee(e){let t=e.filter(T).length,n=e.filter(s=>!s.passed&&s.severity==="warning").length;return{passed:e.length-t,failed:t,warnings:n}}r(ee,"countResults");function G(e){let t=e.profile?`${e.suite}/${e.profile}`:e.suite;return e.instanceType?`${e.instanceType}/${t}`:t}r(G,"suiteName");var A=Object.values(oe),Gt=r(e=>e.fixAvailable==="YES"||e.fixAvailable==="PARTIAL","fixable");function He(e){let t=Object.fromEntries(A.map(n=>[n,0]));for(let n of e)t[n.severity]=(t[n.severity]??0)+1;return t}r(He,"countBySeverity");function Ke(e,t){let n={},s=[],i=[];for(let d of A){let a=t.limits[d];if(a===void 0)continue;let c=e.filter(o=>o.severity===d&&(!t.fixableOnly||Gt(o)));n[d]=c.length,c.length>a&&(s.push(...c),i.push(`${c.length} ${d}${t.fixableOnly?" with a fix":""} (limit ${a})`))}return{passed:s.length===0,counted:n,failing:s,over:i}}r(Ke,"judge");function z(e){return e.title&&e.title!==e.vulnerabilityId?`${e.vulnerabilityId} (${e.title})`:e.vulnerabilityId}r(z,"findingLabel");function Xe(e){let t=r(n=>Math.max(0,...e.map(s=>s[n]??0)),"worst");return Object.entries(oe).filter(([,n])=>n!=="UNTRIAGED"||t(n)>0).map(([n,s])=>`${n}=${t(s)}`).join(",")}r(Xe,"countsTag");function Ye(e,t,n,s){let i={suite:"vulnerabilities",instanceType:s,severity:"error",seconds:0,stderr:"",truncated:!1},d=A.map(a=>`${a} ${n[a]}`).join(", ");return e.passed?[{...i,name:`vulnerability-gate ${t.text}`,description:"Amazon Inspector findings within the gate",passed:!0,stdout:`Findings: ${d}.`}]:e.failing.map(a=>({...i,name:z(a),passed:!1,stdout:[`${a.severity}, fix available: ${a.fixAvailable}`,...a.packages.map(c=>`package: ${c}`)].join(`
`),message:`${a.severity} ${a.vulnerabilityId}: ${a.title} (fix available: ${a.fixAvailable}); over vulnerability-gate ${t.text}: ${e.over.join(", ")}.`}))}r(Ye,"gateResults");function Ze(e){return{instanceType:e,instanceId:"",results:[]}}r(Ze,"newLaneRun");function B(e){return Ne(e.launchedAt,e.runningAt,e.onlineAt)}r(B,"laneBoot");function zt(e,t,n){let s=n==="Windows"?`$env:AMI_ACTION_INSTANCE_TYPE = '${t}'`:`export AMI_ACTION_INSTANCE_TYPE='${t}'`;return{...e,check:{...e.check,script:`${s}
${e.check.script}`}}}r(zt,"typed");function Je(e,t){let{config:n,amiId:s,platform:i}=t,d=n.region,a=e.instanceType,c=t.several?`${e.instanceId||a} (${a})`:e.instanceId,o=r(()=>({region:d,instanceId:e.instanceId,platform:i,executionTimeoutSeconds:n.commandTimeout,pollIntervalSeconds:n.pollInterval,deadline:t.scope.deadline,instanceType:t.several?a:void 0}),"target"),l=r(async u=>{try{return await u()}catch(g){throw n.keepInstanceOnFailure&&e.launched&&qe(e,d),g}},"keepingOnFailure"),p=t.several?t.checks.map(u=>zt(u,a,i)):t.checks,m=[L(`launch ${a} from ${s}`,[{call:"ec2:RunInstances",detail:`${a}, IMDSv2 required, tagged ami-action:run-id`}],async u=>{!n.instanceProfile&&t.primary&&V("No instance-profile given: SSM can manage the instance only if Default Host Management Configuration is turned on for this account and region.");let{instance:g,undo:y}=await Ve({region:d,amiId:s,instanceType:a,subnetId:n.subnetId,securityGroupIds:n.securityGroupIds,instanceProfile:n.instanceProfile,associatePublicIp:n.associatePublicIp,tokenPart:t.several?a:void 0},u);e.launched=y,e.instanceId=g.InstanceId,e.launchedAt=g.LaunchTime??j(),t.primary&&v("instance-id",e.instanceId),C(`Launched ${e.instanceId} (${a}) in ${g.Placement?.AvailabilityZone??d}.`)}),K("the instance to be running",u=>l(async()=>{await Ue(d,e.instanceId,u),e.runningAt=j()})),K("SSM to see the instance Online",u=>l(async()=>{let{waitForAgent:g}=await import("./ssm-XMLYX32Q.js");await g({...o(),instanceProfile:n.instanceProfile,associatePublicIp:n.associatePublicIp,deadline:u.deadline}),e.onlineAt=j();let y=B(e);C(`${t.several?`${e.instanceId} (${a})`:e.instanceId} is Online in SSM ${w(y.total??0)} after launch (running after ${w(y.launchToRunning??0)}, then ${w(y.runningToOnline??0)} until SSM saw it).`)})),...p.map(u=>L(`run: ${Le(u)}`,[],()=>l(async()=>{let{runCheck:g}=await import("./ssm-XMLYX32Q.js");e.results.push(await g(u,o()))})))];t.inspect&&m.push(K("Amazon Inspector to scan the instance; read its findings",u=>l(async()=>{let g=await import("./inspector-PIXU44QQ.js"),y=await g.waitForScan({region:d,instanceId:e.instanceId,launchedAt:e.launchedAt??new Date(0),deadline:u.deadline,pollIntervalSeconds:n.pollInterval});e.findings=await g.instanceFindings(d,e.instanceId),e.counts=He(e.findings),t.gate&&(e.verdict=Ke(e.findings,t.gate));let x=Object.entries(e.counts).filter(([,$])=>$>0).map(([$,k])=>`${k} ${$}`);C(`Amazon Inspector scanned ${c||e.instanceId} at ${y.toISOString()}: ${x.length?x.join(", "):"no active findings"}.`)})));let h=t.sbom;return h&&m.push(L("export the SBOM of the instance (CycloneDX)",[{call:"inspector2:CreateSbomExport",detail:`CycloneDX 1.4 to s3://${h.bucket}/${h.prefix}, encrypted with ${h.kmsKeyArn}`}],u=>l(async()=>{let{exportSbom:g}=await import("./inspector-PIXU44QQ.js");e.sbomUri=await g({region:d,instanceId:e.instanceId,...h,deadline:u.deadline,pollIntervalSeconds:n.pollInterval}),v("sbom-uri",e.sbomUri),C(`SBOM of ${e.instanceId} exported to ${e.sbomUri}`)}))),m.push(L("terminate the instance (or keep it, with keep-instance-on-failure, when a check failed)",[{call:"ec2:TerminateInstances",detail:"the test instance"}],async u=>{let g=e.results.some(T)||e.verdict?.passed===!1;if(n.keepInstanceOnFailure&&g&&e.launched){qe(e,d);return}await q(d,[e.instanceId],{deadline:u.deadline,pollIntervalSeconds:n.pollInterval,wait:!0}),e.launched?.settle()})),m}r(Je,"laneSteps");function qe(e,t){e.launched?.settle();let n=e.instanceId;S([`keep-instance-on-failure: ${n} (${e.instanceType}) is still running so you can look into the failure.`,`Connect with Session Manager: aws ssm start-session --target ${n} --region ${t}`,`It costs money until removed: aws ec2 terminate-instances --instance-ids ${n} --region ${t}`].join(`
`))}r(qe,"keepInstance");import{createHash as Zt}from"node:crypto";import{existsSync as Jt,readFileSync as Qt,statSync as en}from"node:fs";import{isAbsolute as tn,resolve as nn}from"node:path";import{readFileSync as Vt}from"node:fs";import{basename as Ut,extname as Ht,isAbsolute as Kt,resolve as Xt}from"node:path";var Qe={name:"no-cloud-init-instance-data",description:"No cloud-init instance data left from the build instance (cloud-init clean before imaging)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
current=""
if [ -f "$R/var/lib/cloud/data/instance-id" ]; then
  current=$(cat "$R/var/lib/cloud/data/instance-id")
elif [ -L "$R/var/lib/cloud/instance" ]; then
  current=$(basename "$(readlink "$R/var/lib/cloud/instance")")
fi
found=0
for dir in "$R"/var/lib/cloud/instances/*; do
  [ -e "$dir" ] || continue
  if [ "$(basename "$dir")" != "$current" ]; then
    echo "data of another instance left in $dir (this instance: $current)"
    found=1
  fi
done
if [ "$found" = 0 ]; then echo "only this instance's cloud-init data ($current)"; fi
exit "$found"`};var et={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
allowed=" $(echo "$AMI_ACTION_ALLOWED_PORTS" | tr ',' ' ') "
listening=$(
  for table in "$R/proc/net/tcp" "$R/proc/net/tcp6"; do
    [ -f "$table" ] && awk 'NR > 1 && $4 == "0A" { split($2, local, ":"); print local[1], local[2] }' "$table"
  done
)
seen=" "
bad=0
while read -r address hexport; do
  [ -n "$hexport" ] || continue
  case "$address" in
    ??????7F|00000000000000000000000001000000|0000000000000000FFFF0000??????7F) continue ;;
  esac
  port=$(printf '%d' "0x$hexport")
  case "$seen" in *" $port "*) continue ;; esac
  seen="$seen$port "
  case "$allowed" in
    *" $port "*) echo "port $port listens (allowed)" ;;
    *) echo "port $port listens but is not in allowed-ports ($AMI_ACTION_ALLOWED_PORTS)"; bad=1 ;;
  esac
done <<PORTS
$listening
PORTS
if [ "$seen" = " " ]; then echo "no TCP port listens beyond loopback"; fi
exit "$bad"`};var tt=`R=$AMI_ACTION_ROOT
running=$(cat "$R"/proc/[0-9]*/comm 2>/dev/null)`,nt={name:"time-sync-running",description:"A time synchronisation daemon runs (chronyd, ntpd or systemd-timesyncd)",severity:"error",expectExitCode:0,script:`${tt}
for name in $running; do
  case "$name" in
    chronyd|ntpd|ntpsec|openntpd|systemd-timesyn*) echo "time sync: $name is running"; exit 0 ;;
  esac
done
echo "no time sync daemon runs (chronyd, ntpd, systemd-timesyncd)"
exit 1`},st={name:"ssm-agent-running",description:"The SSM agent is installed and running",severity:"error",expectExitCode:0,script:`${tt}
binary=""
for path in "$R"/usr/bin/amazon-ssm-agent "$R"/usr/local/bin/amazon-ssm-agent "$R"/snap/amazon-ssm-agent/current/amazon-ssm-agent; do
  if [ -x "$path" ]; then binary=$path; break; fi
done
if [ -z "$binary" ]; then
  echo "amazon-ssm-agent is not installed"
  exit 1
fi
for name in $running; do
  case "$name" in
    amazon-ssm-agen*) echo "amazon-ssm-agent is installed ($binary) and running"; exit 0 ;;
  esac
done
echo "amazon-ssm-agent is installed ($binary) but not running"
exit 1`};var it={name:"no-shell-history",description:"No shell or tool history files left from the bake",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for name in .bash_history .zsh_history .sh_history .ash_history .python_history .mysql_history .psql_history .lesshst .viminfo; do
    if [ -s "$home/$name" ]; then
      echo "history left in $home/$name"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no history files under /root or /home"; fi
exit "$found"`};var ot={name:"no-ssh-authorized-keys",description:"No SSH authorized_keys left from the bake under /root or /home",severity:"error",expectExitCode:0,script:`R=$AMI_ACTION_ROOT
found=0
for home in "$R"/root "$R"/home/*; do
  for file in "$home"/.ssh/authorized_keys "$home"/.ssh/authorized_keys2; do
    if [ -f "$file" ] && grep -qvE '^[[:space:]]*(#|$)' "$file"; then
      echo "keys left in $file"
      found=1
    fi
  done
done
if [ "$found" = 0 ]; then echo "no authorized_keys with keys under /root or /home"; fi
exit "$found"`};function at(e){return`R=$AMI_ACTION_ROOT
conf="$R/etc/ssh/sshd_config"
if [ ! -f "$conf" ]; then
  echo "sshd is not installed (no /etc/ssh/sshd_config)"
  exit 0
fi
value=$(
  {
    if grep -qiE '^[[:space:]]*Include[[:space:]]' "$conf"; then
      for drop in "$R"/etc/ssh/sshd_config.d/*.conf; do
        [ -f "$drop" ] && { echo "#ami-action-next-file"; cat "$drop"; }
      done
    fi
    echo "#ami-action-next-file"
    cat "$conf"
  } | awk '
    /^#ami-action-next-file/ { inMatch = 0; next }
    { sub(/^[[:space:]]+/, ""); n = split($0, word, /[[:space:]=]+/) }
    n == 0 || word[1] ~ /^#/ { next }
    tolower(word[1]) == "match" { inMatch = 1; next }
    !inMatch && tolower(word[1]) == "${e.toLowerCase()}" { print tolower(word[2]); exit }
  '
)`}r(at,"sshdValue");var rt={name:"sshd-no-root-login",description:"sshd does not let root log in (PermitRootLogin no)",severity:"error",expectExitCode:0,script:`${at("PermitRootLogin")}
if [ "$value" = "no" ]; then
  echo "PermitRootLogin no"
  exit 0
fi
echo "PermitRootLogin is \${value:-not set (the default, prohibit-password, lets root log in with a key)}; set PermitRootLogin no"
exit 1`},ct={name:"sshd-no-password-login",description:"sshd does not accept passwords (PasswordAuthentication no)",severity:"error",expectExitCode:0,script:`${at("PasswordAuthentication")}
if [ "$value" = "no" ]; then
  echo "PasswordAuthentication no"
  exit 0
fi
echo "PasswordAuthentication is \${value:-not set (the default is yes)}; set PasswordAuthentication no"
exit 1`};var dt={name:"no-world-writable-etc",description:"No world-writable files (or world-writable directories without the sticky bit) under /etc",severity:"error",expectExitCode:0,script:String.raw`R=$AMI_ACTION_ROOT
found=$(find "$R/etc" -xdev \( \( -type f -perm -0002 \) -o \( -type d -perm -0002 ! -perm -1000 \) \) -print 2>/dev/null)
if [ -n "$found" ]; then
  echo "world-writable under /etc:"
  echo "$found"
  exit 1
fi
echo "nothing world-writable under /etc"`};var lt={name:"baseline",platforms:["Linux"],imageChecks:!0,allowedPorts:!0,checks:[ot,it,Qe,rt,ct,dt,nt,st,et]};var pt={name:"no-build-time-local-passwords",description:"No enabled local account (the built-in Administrator included) logs in with a password that came with the AMI, or with none",severity:"error",expectExitCode:0,script:`$ErrorActionPreference = 'Stop'
$booted = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime
$bad = 0
foreach ($user in Get-LocalUser | Where-Object { $_.Enabled }) {
  $label = $user.Name
  if ($user.SID.Value -like 'S-1-5-21-*-500') { $label = "$($user.Name) (the built-in Administrator)" }
  if (-not $user.PasswordRequired) {
    Write-Output "$label is enabled and needs no password"
    $bad = 1
  } elseif ($null -ne $user.PasswordLastSet -and $user.PasswordLastSet -lt $booted) {
    Write-Output "$label keeps a password set $($user.PasswordLastSet.ToString('u')), before this instance booted $($booted.ToString('u')): it came with the AMI (let EC2Launch set a random one at launch, or disable the account)"
    $bad = 1
  } else {
    Write-Output "\${label}: password set at launch"
  }
}
exit $bad`};var Bt=["ProgramData/Amazon/EC2Launch/config/agent-config.yml","ProgramData/Amazon/EC2Launch/sysprep/unattend.xml","ProgramData/Amazon/EC2-Windows/Launch/Config/LaunchConfig.json","ProgramData/Amazon/EC2-Windows/Launch/Sysprep/Unattend.xml","Windows/Panther/Unattend.xml","Windows/Panther/Unattend/Unattend.xml","Windows/System32/Sysprep/unattend.xml"],Wt=[{what:"a password value",pattern:String.raw`^[ \t]*(admin)?password[ \t]*:[ \t]*['"]?[^'"\s#]`,flags:"m"},{what:"a static password (EC2Launch v2 setAdminAccount)",pattern:String.raw`password[ \t]*:[ \t]*\r?\n[ \t]+type[ \t]*:[ \t]*['"]?static\b`,flags:"m"},{what:"adminPassword (EC2Launch v1)",pattern:String.raw`"adminPassword"\s*:\s*"[^"]+"`,flags:"m"},{what:"a Sysprep answer file password",pattern:String.raw`<(AdministratorPassword|Password)>\s*<Value>(?!\*SENSITIVE\*DATA\*DELETED\*)[^<]+</Value>`,flags:"s"}],de=r(e=>`'${e.replace(/'/g,"''")}'`,"quoted"),mt={name:"no-ec2launch-secrets",description:"No EC2Launch configuration or Sysprep answer file keeps a password",severity:"error",expectExitCode:0,script:`$root = $env:AMI_ACTION_ROOT
if (-not $root) { $root = "$env:SystemDrive/" }
$patterns = @(
${Wt.map(e=>`  @(${de(`(?${e.flags})${e.pattern}`)}, ${de(e.what)})`).join(`,
`)}
)
$bad = 0
foreach ($relative in @(${Bt.map(de).join(", ")})) {
  $path = Join-Path -Path $root -ChildPath $relative
  if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
  $text = Get-Content -LiteralPath $path -Raw
  if ($null -eq $text) { continue }
  foreach ($entry in $patterns) {
    if ($text -match $entry[0]) {
      Write-Output "$relative keeps $($entry[1]): remove it before imaging (EC2Launch settings, or let Sysprep delete it)"
      $bad = 1
      break
    }
  }
}
if ($bad -eq 0) { Write-Output 'no EC2Launch or Sysprep file keeps a password' }
exit $bad`};var ut={name:"windows-update-not-disabled",description:"The Windows Update service (wuauserv) is installed and not disabled, so patches can be installed",severity:"error",expectExitCode:0,script:`$service = Get-Service -Name wuauserv -ErrorAction SilentlyContinue
if ($null -eq $service) {
  Write-Output 'The Windows Update service (wuauserv) is missing'
  exit 1
}
if ("$($service.StartType)" -eq 'Disabled') {
  Write-Output 'Windows Update (wuauserv) is disabled: set its start type to Manual or Automatic so patches can be installed'
  exit 1
}
Write-Output "Windows Update (wuauserv): start type $($service.StartType), $($service.Status)"
exit 0`},ft={name:"ssm-agent-running",description:"The SSM agent (AmazonSSMAgent) runs and starts automatically",severity:"error",expectExitCode:0,script:`$agent = Get-Service -Name AmazonSSMAgent -ErrorAction SilentlyContinue
if ($null -eq $agent) {
  Write-Output 'The SSM agent service (AmazonSSMAgent) is not installed'
  exit 1
}
if ("$($agent.Status)" -ne 'Running' -or "$($agent.StartType)" -ne 'Automatic') {
  Write-Output "AmazonSSMAgent is $($agent.Status) with start type $($agent.StartType); it must run and start automatically"
  exit 1
}
Write-Output 'AmazonSSMAgent is running and starts automatically'
exit 0`},ht={name:"firewall-on",description:"Windows Defender Firewall is on for the domain, private and public profiles",severity:"error",expectExitCode:0,script:`$bad = 0
foreach ($zone in Get-NetFirewallProfile) {
  if ("$($zone.Enabled)" -eq 'False') {
    Write-Output "firewall profile $($zone.Name) is OFF"
    $bad = 1
  } else {
    Write-Output "firewall profile $($zone.Name) is on"
  }
}
exit $bad`},gt={name:"only-expected-ports-listening",description:"Only the allowed TCP ports listen on non-loopback addresses (allowed-ports)",severity:"error",expectExitCode:0,script:`$allowed = @("$env:AMI_ACTION_ALLOWED_PORTS" -split '[,\\s]+' | Where-Object { $_ } | ForEach-Object { [int]$_ })
$listening = Get-NetTCPConnection -State Listen | Where-Object { $_.LocalAddress -notmatch '^(127\\.|::1$)' } | Sort-Object -Property LocalPort
$seen = @{}
$bad = 0
foreach ($socket in $listening) {
  $port = [int]$socket.LocalPort
  if ($seen.ContainsKey($port)) { continue }
  $seen[$port] = $true
  $process = (Get-Process -Id $socket.OwningProcess -ErrorAction SilentlyContinue).ProcessName
  if ($allowed -contains $port) {
    Write-Output "port $port listens ($process, allowed)"
  } else {
    Write-Output "port $port listens ($process) but is not in allowed-ports ($env:AMI_ACTION_ALLOWED_PORTS)"
    $bad = 1
  }
}
if ($seen.Count -eq 0) { Write-Output 'no TCP port listens beyond loopback' }
exit $bad`};var $t={name:"baseline",platforms:["Windows"],imageChecks:!0,allowedPorts:!0,checks:[pt,ut,mt,ft,ht,gt]};var yt={baseline:[lt,$t]},bt=P().regex(/^[A-Za-z0-9][A-Za-z0-9 ._:/-]*$/,"letters, digits, space and . _ : / -"),Yt=se({id:bt.optional(),name:bt.optional(),description:P().optional(),command:P().min(1),"expect-exit-code":he().int().min(0).max(255).default(0),"expect-output":P().refine(e=>{try{return new RegExp(e),!0}catch{return!1}},"a valid regular expression").optional(),severity:ie(["error","warning"]).default("error")}).refine(e=>(e.id??e.name)!==void 0&&!(e.id&&e.name),{message:"give each check an id (or a name), not both"}),qt=se({name:P().optional(),platform:ie(["Linux","Windows"]).optional(),checks:ge(Yt).min(1)});async function wt(e,t,n){let s=yt[e];if(s)return s.find(p=>!n||p.platforms.includes(n))??s[0];let i=Kt(e)?e:Xt(t,e),d;try{d=Vt(i,"utf8")}catch{throw new Error(`Input 'compliance': "${e}" is neither a built-in profile (${Object.keys(yt).join(", ")}) nor a readable file (looked for ${i}).`)}let{parseYaml:a}=await import("./yaml-3UJ2Z6LQ.js"),c=qt.safeParse(a(d));if(!c.success){let p=c.error.issues.map(m=>`${m.path.join(".")||"(top)"}: ${m.message}`);throw new Error(`Compliance profile ${e} is not valid:
${p.join(`
`)}`)}let o=c.data.checks.map(p=>p.id??p.name),l=o.find((p,m)=>o.indexOf(p)!==m);if(l)throw new Error(`Compliance profile ${e} names the check "${l}" twice.`);return{name:c.data.name??Ut(e,Ht(e)),platforms:c.data.platform?[c.data.platform]:["Linux","Windows"],checks:c.data.checks.map(p=>({name:p.id??p.name,description:p.description,severity:p.severity,script:p.command,expectExitCode:p["expect-exit-code"],expectOutput:p["expect-output"]}))}}r(wt,"loadProfile");function sn(e,t,n="Linux"){let s=tn(e)?e:nn(t,e),i=!/\s/.test(e)&&Jt(s)&&en(s).isFile(),d=i?Qt(s,"utf8"):e;return{name:e,severity:"error",expectExitCode:0,script:i&&n==="Linux"?on(d):d}}r(sn,"smokeCheck");function on(e){if(!e.startsWith("#!")||/^#!\s*\/bin\/sh\s*$/.test(e.split(`
`)[0]))return e;let t=`AMI_ACTION_SCRIPT_${Zt("sha256").update(e).digest("hex").slice(0,12)}`;return["script=$(mktemp)",`cat > "$script" <<'${t}'`,e.replace(/\n?$/,""),t,'chmod +x "$script"','"$script"',"status=$?",'rm -f "$script"','exit "$status"'].join(`
`)}r(on,"withInterpreter");async function It(e,t,n){let s=e.smoke.map(a=>({suite:"smoke",check:sn(a,n,t)})),i=await Promise.all(e.compliance.map(a=>wt(a,n,t))),d=[];for(let a of i){if(!a.platforms.includes(t)){d.push(`${a.name} (written for ${a.platforms.join(", ")}; this AMI is ${t})`);continue}for(let c of a.checks){let o=e.allowedPorts.join(" "),l=a.allowedPorts?t==="Windows"?`$env:AMI_ACTION_ALLOWED_PORTS = '${o}'
${c.script}`:`export AMI_ACTION_ALLOWED_PORTS='${o}'
${c.script}`:c.script;s.push({suite:"compliance",profile:a.name,check:{...c,script:l}})}}return{checks:s,profiles:i,skipped:d}}r(It,"planChecks");import{mkdirSync as ln,writeFileSync as pn}from"node:fs";import{join as mn}from"node:path";var an=/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g,rn=/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;function te(e){return e.replace(an,"")}r(te,"stripAnsi");function R(e){return te(e).replace(rn,"").replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;").replace(/"/g,"&quot;")}r(R,"escapeXml");function cn(e){let t=[e.stdout,e.stderr?`--- stderr ---
${e.stderr}`:""];return e.truncated&&t.push("--- SSM truncated this output (24,000 characters of stdout, 8,000 of stderr) ---"),t.filter(Boolean).join(`
`)}r(cn,"output");function dn(e,t){let n=`name="${R(e.name)}" classname="${R(t)}" time="${e.seconds.toFixed(3)}"`,s=[],i=!e.passed&&e.severity==="warning";if(!e.passed&&!i){let a=e.message??"failed";s.push(`      <failure message="${R(a)}" type="${e.suite}">${R([a,e.exitCode===void 0?"":`exit code ${e.exitCode}`].filter(Boolean).join(`
`))}</failure>`)}let d=[i?`warning: ${e.message??"failed"}`:"",cn(e)].filter(Boolean).join(`
`);return d&&s.push(`      <system-out>${R(d)}</system-out>`),s.length?`    <testcase ${n}>
${s.join(`
`)}
    </testcase>`:`    <testcase ${n}/>`}r(dn,"testcase");function xt(e,t,n){let s=new Map;for(let c of e){let o=G(c);s.set(o,[...s.get(o)??[],c])}let i=r(c=>c.reduce((o,l)=>o+l.seconds,0).toFixed(3),"total"),d=r(c=>c.filter(T).length,"failures"),a=['<?xml version="1.0" encoding="UTF-8"?>',`<testsuites name="${R(t)}" tests="${e.length}" failures="${d(e)}" errors="0" time="${i(e)}">`];for(let[c,o]of s)a.push(`  <testsuite name="${R(c)}" tests="${o.length}" failures="${d(o)}" errors="0" skipped="0" time="${i(o)}" timestamp="${n.toISOString()}">`,...o.map(l=>dn(l,`${t}.${c}`)),"  </testsuite>");return a.push("</testsuites>",""),a.join(`
`)}r(xt,"junitXml");var un=160,le=50;function me(e,t){let n=te(e).replace(/\s+/g," ").trim();return n.length>t?`${n.slice(0,t)}\u2026`:n}r(me,"clip");function fn(e){return`${me(e.passed?e.stdout:[e.message,e.stderr||e.stdout].filter(Boolean).join(" "),un)}${e.truncated?" (output truncated by SSM)":""}`}r(fn,"excerpt");var hn=r(e=>e.passed?"\u2705 passed":e.severity==="warning"?"\u26A0\uFE0F warning":"\u274C failed","verdictOf");function Ct(e,t,n,s=""){let{passed:i,failed:d,warnings:a}=ee(t);return`Test of ${e}${s}: ${n?"failed":"passed"} (${i} passed, ${d} failed${a?`, ${a} with a warning`:""})`}r(Ct,"headline");function ue(e,t,n,s){U(Ct(e,t,s??ee(t).failed>0),["check","result","exit code","duration","excerpt"],t.map(i=>[`${G(i)}: ${i.name}`,hn(i),i.exitCode??"\u2013",w(i.seconds),fn(i)||"\u2013"]));for(let i of n)H(i)}r(ue,"summarizeResults");var vt=r(e=>`${e.profile?`${e.suite}/${e.profile}`:e.suite}: ${e.name}`,"checkKey");function gn(e){return e?e.passed?`\u2705 ${w(e.seconds)}`:`${e.severity==="warning"?"\u26A0\uFE0F":"\u274C"} ${me(e.message??"failed",80)}`:"\u2013 not run"}r(gn,"cell");var pe=r(e=>e===void 0?"\u2013":w(e),"seconds");function St(e,t,n,s,i){let d=[];for(let o of[...t,...n.flatMap(l=>l.results)]){let l=vt(o);d.includes(l)||d.push(l)}let a=d.map(o=>[o,...n.map(l=>gn([...t,...l.results].find(p=>vt(p)===o)))]);if(a.push(["instance",...n.map(o=>o.instanceId||"\u2013 not launched")],["boot: launch \u2192 running",...n.map(o=>pe(o.boot.launchToRunning))],["boot: running \u2192 SSM Online",...n.map(o=>pe(o.boot.runningToOnline))],["boot: launch \u2192 SSM Online",...n.map(o=>pe(o.boot.total))]),n.some(o=>o.counts))for(let o of A){let l=i?.limits[o]!==void 0;!l&&!n.some(p=>(p.counts?.[o]??0)>0)||a.push([`Inspector: ${o}${l?` (limit ${i?.limits[o]}${i?.fixableOnly?", fixable":""})`:""}`,...n.map(p=>$n(p,o))])}a.push(["result",...n.map(o=>o.error?`\u274C did not finish: ${me(o.error,80)}`:o.results.some(l=>!l.passed&&l.severity==="error")||o.verdict?.passed===!1?"\u274C failed":"\u2705 passed")]);let c=[...t,...n.flatMap(o=>o.results)];U(Ct(e,c,s,` on ${n.map(o=>o.instanceType).join(", ")}`),["check",...n.map(o=>o.instanceType)],a)}r(St,"summarizeByType");function $n(e,t){if(!e.counts)return"\u2013";let n=e.counts[t]??0,s=e.verdict?.counted[t];return`${e.verdict?.failing.some(d=>d.severity===t)?"\u274C ":""}${n}${s!==void 0&&s!==n?` (${s} fixable)`:""}`}r($n,"severityCell");function Tt(e){return A.filter(t=>t!=="UNTRIAGED"||e[t]>0).map(t=>`${t} ${e[t]}`).join(", ")}r(Tt,"countsLine");function kt(e,t,n){let s=new Map;for(let a of e)for(let c of a.findings??[]){let o=`${c.vulnerabilityId}\0${c.title}\0${c.severity}`,l=s.get(o)??{finding:c,types:[],failing:!1};l.types.push(a.instanceType),l.failing||=!!a.verdict?.failing.includes(c),s.set(o,l)}if(!s.size)return;let i=r(a=>A.indexOf(a),"rank"),d=[...s.values()].sort((a,c)=>Number(c.failing)-Number(a.failing)||i(a.finding.severity)-i(c.finding.severity));U(`Amazon Inspector findings (${s.size})`,["finding","severity","fix available","package",...t?["instance types"]:[],...n?[`vulnerability-gate ${n.text}`]:[]],d.slice(0,le).map(({finding:a,types:c,failing:o})=>[z(a),a.severity,a.fixAvailable,a.packages.join("; ")||"\u2013",...t?[c.join(", ")]:[],...n?[o?"\u274C over the limit":"\u2705 within"]:[]])),d.length>le&&H(`\u2026and ${d.length-le} more (every failing one is in the JUnit report).`)}r(kt,"summarizeFindings");function yn(e){for(let t of e.filter(n=>!n.passed&&n.suite!=="vulnerabilities")){let n=te([t.stderr,t.stdout].filter(Boolean).join(`
`)).trim(),s=[t.message,t.description,n.slice(0,1e3)].filter(Boolean).join(`
`),i=`${G(t)}: ${t.name}`;t.severity==="warning"?S(s,{title:`Check warning: ${i}`}):W(s,{title:`Check failed: ${i}`})}}r(yn,"annotateFailures");function At(e){let{passed:t,failed:n}=ee(e.results);ln(e.reportDir,{recursive:!0});let s=mn(e.reportDir,`test-${e.amiId}-${process.pid}.xml`);pn(s,xt(e.results,`ami-action test ${e.amiId}`,e.testedAt)),v("result",e.failed?"failed":"passed"),v("passed",String(t)),v("failed",String(n)),v("report",s);let i=[...e.notes,`JUnit report: ${s}`];if(e.summarize){e.summarize();for(let d of i)H(d)}else ue(e.amiId,e.results,i,e.failed);yn(e.results)}r(At,"reportResults");async function Rt(e,t,n,s,i={}){let d={[b.test]:n?"passed":"failed",[b.testedAt]:s.toISOString(),...i};try{await N(F,e).send(new ke({Resources:[t],Tags:M(d)})),C(`Tagged ${t}: ${Object.entries(d).map(([a,c])=>`${a}=${c}`).join(", ")}.`)}catch(a){S(`Could not tag ${t} with the test result: ${await be(a)}`)}}r(Rt,"tagResult");async function wn(e,t,n,s){let i=e.region,d={inspect:!1};if(e.vulnerabilityGate||e.sbomBucket){let{ec2Scanning:a}=await import("./inspector-PIXU44QQ.js"),c=await a(i),o=`turn it on (aws inspector2 enable --resource-types EC2 --region ${i}, or in the Amazon Inspector console)`;if(c.enabled?(d.inspect=!0,s.push(`Amazon Inspector scans EC2 instances in ${i}: each test instance's findings will be read.`)):e.vulnerabilityGate?n.push(`vulnerability-gate: Amazon Inspector's EC2 scanning is ${c.status} in this account in ${i}, so no test instance would ever be scanned. Fix: ${o}, or remove vulnerability-gate.`):(V(`sbom-bucket: Amazon Inspector's EC2 scanning is ${c.status} in this account in ${i}: no SBOM will be exported. To have one, ${o}.`),s.push(`No SBOM: Amazon Inspector's EC2 scanning is ${c.status} in ${i}.`)),d.inspect&&e.sbomBucket&&e.sbomKmsKey){let l=e.sbomPrefix?e.sbomPrefix.replace(/^\/+/,"").replace(/\/*$/,"/"):"";d.sbom={bucket:e.sbomBucket,prefix:l,kmsKeyArn:e.sbomKmsKey}}}return e.bootTimeGate&&(d.baseline=await De(i,t,e.ssmParameter),s.push("missing"in d.baseline?`boot-time-gate ${e.bootTimeGate.text}: no baseline to compare with (${d.baseline.missing}); the boot time is recorded for the next test.`:`boot-time-gate ${e.bootTimeGate.text}: compared with ${d.baseline.amiId} (${d.baseline.name}), ${d.baseline.seconds}s to SSM Online, found by ${d.baseline.source}.`)),d}r(wn,"planGates");async function Wi(e,t){let n=e.region,{amiId:s,amis:i}=Ie(e);ve(n,i,Object.keys(e.amis??{}));let d=await Ae(n,s),a=[ze(d)].filter($=>!!$),c=e.instanceTypes!==void 0,o=e.instanceTypes??[e.instanceType??Be(d)],l=await It(e,d.platform,t.context.workspace);for(let $ of l.skipped)S(`Compliance profile ${$}: skipped.`);let p=l.profiles.some($=>$.imageChecks)?We(d):[],m=e.maxBaseAge===void 0?void 0:await Fe(d,e.maxBaseAge);m&&(p.push(m.result),m.base&&v("base-image",m.base),m.ancestry.length&&C(`AMI ancestry (GetImageAncestry): ${m.ancestry.join(" <- ")}`));let h=m!==void 0&&!m.result.passed,u=[`${s}: ${d.platform} ${d.architecture}; launching ${o.join(", ")}${c?" (concurrently, an instance each)":""}, then ${l.checks.length} check(s) with ${je[d.platform]}.`,...p.map($=>`${$.passed?"passed":"FAILED"}: ${$.name}`),...h?[`${m.result.message} No instance is launched: the test fails on the base alone.`]:[]],g=await wn(e,d,a,u),y=o.map(Ze),x=y.map(($,k)=>({name:c?$.instanceType:"",steps:h?[]:Je($,{config:e,scope:t,amiId:s,platform:d.platform,checks:l.checks,several:c,inspect:g.inspect,gate:e.vulnerabilityGate,sbom:k===0?g.sbom:void 0,primary:k===0})}));return{facts:u,refusals:a,lanes:x,report:r($=>In($,{config:e,amiId:s,runs:y,shared:p,several:c,gates:g,scope:t}),"report")}}r(Wi,"plan");async function In(e,t){if(e.dryRun){C(`dry-run: would launch ${t.runs.length>1?"the instances":"the instance"}, run the checks above${t.gates.inspect?", read what Amazon Inspector finds":""} and terminate ${t.runs.length>1?"them":"it"}. Nothing was started.`);return}if(e.refused||e.cancelled)return;let{amiId:n,config:s,runs:i,shared:d,several:a}=t,c=s.vulnerabilityGate,o=i.flatMap(f=>c&&f.verdict&&f.counts?Ye(f.verdict,c,f.counts,a?f.instanceType:void 0):[]),l=[...d,...i.flatMap(f=>f.results),...o],p=e.lanes.filter(f=>f.error),m=i.flatMap(f=>{let I=B(f).total;return I===void 0?[]:[{instanceType:f.instanceType,seconds:I}]}),h=t.gates.baseline,u=s.bootTimeGate&&h&&!("missing"in h)?Ge(s.bootTimeGate,h,m):void 0,g=u?.passed===!1&&s.bootTimeGateMode==="fail";u&&!u.passed&&!g&&S(u.message,{title:"Boot time"});let y=p.length>0||l.some(T)||g,x=new Date,$=m.length?Math.round(Math.max(...m.map(f=>f.seconds))):void 0;$!==void 0&&v("boot-seconds",String($));let k=i.map((f,I)=>({instanceType:f.instanceType,instanceId:f.instanceId,results:[...f.results,...o.filter(Ot=>Ot.instanceType===f.instanceType)],boot:B(f),counts:f.counts,verdict:f.verdict,findings:f.findings,error:e.lanes[I]?.error?X(e.lanes[I]):void 0}));At({amiId:n,results:l,failed:y,testedAt:x,reportDir:bn(t.scope.context.tempDir,"ami-action"),notes:xn(t,e,u?.message),summarize:r(()=>{a?St(n,d,k,y,c):ue(n,l,[],y),kt(k,a,c)},"summarize")});for(let f of i){let I=Pt(f,c,a);I&&W(I,{title:`Vulnerability gate${a?`: ${f.instanceType}`:""}`})}let ne={};$!==void 0&&(ne[b.bootSeconds]=String($));let fe=i.flatMap(f=>f.counts?[f.counts]:[]);if(fe.length&&(ne[b.vulnerabilities]=Xe(fe)),await Rt(s.region,n,!y,x,ne),!y){let f=l.filter(I=>I.suite!=="vulnerabilities").length;C(`All ${f} checks passed${a?` on ${i.map(I=>I.instanceType).join(", ")}`:""}.`);return}if(!(!a&&p.length))throw new Error(vn(t,e,g?u?.message:void 0))}r(In,"report");function xn(e,t,n){let{runs:s,several:i,config:d}=e,a=[];for(let[o,l]of s.entries()){let p=t.lanes[o],m=B(l),h=i?`${l.instanceType}: `:"";if(i||a.push(`Instance ${l.instanceId||"(not launched)"} (${l.instanceType}).`),!i&&m.total!==void 0&&a.push(`Boot: ${w(m.total)} from launch to SSM Online (launch \u2192 running ${w(m.launchToRunning??0)}, running \u2192 SSM Online ${w(m.runningToOnline??0)}; on AWS's clock, to a poll interval).`),!i&&l.counts){let u=l.verdict?`; vulnerability-gate ${d.vulnerabilityGate?.text}: ${l.verdict.passed?"passed":`FAILED (${l.verdict.over.join(", ")})`}`:"";a.push(`Amazon Inspector findings on ${l.instanceId}: ${Tt(l.counts)}${u}.`)}l.sbomUri&&a.push(`SBOM (CycloneDX 1.4) of ${l.instanceId}: ${l.sbomUri}`),p?.error&&a.push(`${h}The test did not finish: ${X(p)}`)}let c=e.gates.baseline;return n?a.push(n):c&&"missing"in c&&a.push(`boot-time-gate ${d.bootTimeGate?.text}: not applied, no baseline (${c.missing}).`),a}r(xn,"notes");function Pt(e,t,n){if(!t||!e.verdict||e.verdict.passed)return;let s=e.verdict.failing.slice(0,20).map(z),i=e.verdict.failing.length-s.length;return`vulnerability-gate ${t.text} failed${n?` on ${e.instanceType}`:""} (${e.instanceId}): ${e.verdict.over.join(", ")}: ${s.join("; ")}${i>0?`; and ${i} more (see the JUnit report)`:""}.`}r(Pt,"gateFailure");function vn(e,t,n){let{runs:s,several:i,shared:d}=e,a=e.config.vulnerabilityGate,c=[],o=r(l=>{let p=l.filter(T);return p.length?`${p.length} of ${l.length} checks failed: ${p.map(m=>m.name).join(", ")}.`:void 0},"checksFailed");if(i){let l=o(d);l&&c.push(`the image: ${l}`);for(let[p,m]of s.entries()){let h=t.lanes[p];h?.error&&c.push(`${m.instanceType}: the test did not finish: ${X(h)}`);let u=o(m.results);u&&c.push(`${m.instanceType}: ${u}`)}}else{let l=o([...d,...s[0].results]);l&&c.push(l)}for(let l of s){let p=Pt(l,a,i);p&&c.push(p)}return n&&c.push(n),c.join(`
`)}r(vn,"failureMessage");var Vi={"terminate-instances":r(async(e,t)=>{let{instancesByToken:n}=await import("./instances-N7DQAYCR.js"),s=e.instanceIds.length?e.instanceIds:e.clientToken?await n(e.region,e.clientToken):[];if(await q(e.region,s,{deadline:t.deadline,pollIntervalSeconds:t.pollIntervalSeconds,wait:!t.hurry}),!s.length)return"no test instance was launched";let i=`terminating its test instance ${s.join(", ")}`;return t.hurry?{message:`${i} (the post step makes sure it shuts down)`,leftForPost:!0}:`${i}: shut down`},"terminate-instances")};export{Vi as compensations,Wi as plan};
